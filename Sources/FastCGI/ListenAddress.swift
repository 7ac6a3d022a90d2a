/// Where a server listens: a unix socket path, or a TCP host and port.
///
/// Text with a `/`, or without a `:`, is a path (`data/mailrobot.sock`, `/var/lib/mailrobot/mailrobot.sock`).
/// Anything else is `HOST:PORT` (`127.0.0.1:9001`, `[::1]:9001`, `localhost:9001`). The host must be given:
/// `:9001` would silently listen on every interface, so it is refused; write `0.0.0.0:9001` to mean that.
/// Port 0 asks the system for a free port.
enum ListenAddress: Equatable {
    case unix(path: String)
    case tcp(host: String, port: UInt16)

    /// The longest path a `sockaddr_un` holds, without its terminating NUL.
    static let maxPathBytes = 107

    init(parsing text: String) throws(FastCGIError) {
        func invalid(_ reason: String) -> FastCGIError { .invalidAddress(text, reason: reason) }
        guard !text.isEmpty else { throw invalid("it is empty") }
        guard !text.utf8.contains(0) else { throw invalid("it contains a NUL byte") }
        if text.contains("/") || !text.contains(":") {
            guard text.utf8.count <= Self.maxPathBytes else {
                throw invalid("a unix socket path has at most \(Self.maxPathBytes) bytes")
            }
            self = .unix(path: text)
            return
        }
        let colon = text.lastIndex(of: ":")!
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        if host.hasPrefix("[") && host.hasSuffix("]") && host.count > 2 {
            host = String(host.dropFirst().dropLast())
        }
        guard !host.isEmpty else {
            throw invalid("give the host: 127.0.0.1:PORT for this machine only, 0.0.0.0:PORT for every interface")
        }
        guard !host.contains(where: { $0.isWhitespace || $0 == "[" || $0 == "]" }) else {
            throw invalid("the host is malformed")
        }
        guard !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
            let port = UInt16(portText)
        else {
            throw invalid("the port must be a number from 0 to 65535")
        }
        self = .tcp(host: host, port: port)
    }
}
