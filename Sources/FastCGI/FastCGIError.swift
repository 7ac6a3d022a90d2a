import Glibc

/// Why a FastCGI server could not be set up or run.
public enum FastCGIError: Error, Equatable, CustomStringConvertible {
    /// The listen address is neither a unix socket path nor `HOST:PORT` with an explicit host.
    case invalidAddress(String, reason: String)
    /// A setting is out of range (threads, body cap, socket mode).
    case invalidSetting(String)
    /// Another server already listens on this unix socket; it was left alone.
    case socketInUse(path: String)
    /// Something other than a socket is in the way at the socket's path; it was left alone.
    case notASocket(path: String)
    /// The group named for the socket does not exist.
    case unknownGroup(String)
    /// A system call failed: what was being done, on what, and the `errno` it gave.
    case system(operation: String, target: String, errno: Int32)
    /// libfcgi's `FCGX_Init` failed with this code.
    case libraryInit(code: Int32)
    /// `run()` was called while the server runs or after it has stopped.
    case alreadyRun

    public var description: String {
        switch self {
        case .invalidAddress(let address, let reason):
            "invalid listen address \"\(address)\": \(reason)"
        case .invalidSetting(let reason):
            reason
        case .socketInUse(let path):
            "another server is already listening on \(path); stop it first"
        case .notASocket(let path):
            "\(path) exists and is not a socket; remove it or choose another path"
        case .unknownGroup(let name):
            "no such group: \(name)"
        case .system(let operation, let target, let code):
            "\(operation) \(target): \(String(cString: strerror(code)))"
        case .libraryInit(let code):
            "libfcgi could not be initialised (FCGX_Init returned \(code))"
        case .alreadyRun:
            "the server has already been run"
        }
    }
}
