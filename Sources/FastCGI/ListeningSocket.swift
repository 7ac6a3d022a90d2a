import Glibc

/// The listening socket the workers accept on.
///
/// Made here rather than with `FCGX_OpenSocket`, which (libfcgi 2.4.2, measured) unlinks whatever
/// is at a unix path, so it would steal the path of a live server, creates the file with the umask's
/// mode, and calls `exit()` on a failed `bind` such as a port in use.
struct ListeningSocket: Sendable {
    let fd: Int32
    /// The path or `HOST:PORT` as bound (the real port when 0 was asked for).
    let boundAddress: String
    /// The unix socket file this socket created, by identity, so closing removes that file only.
    private let socketFile: FileIdentity?

    /// The device and inode of a file.
    struct FileIdentity: Equatable {
        let device: UInt64
        let inode: UInt64

        init?(path: String) {
            var info = stat()
            guard lstat(path, &info) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    static let backlog: Int32 = 128

    /// Opens a listening socket at `address`; a unix socket gets exactly `mode` and, if named, `group`.
    static func open(_ address: ListenAddress, mode: Int, group: String?) throws(FastCGIError) -> ListeningSocket {
        switch address {
        case .unix(let path): try openUnix(path: path, mode: mode, group: group)
        case .tcp(let host, let port): try openTCP(host: host, port: port)
        }
    }

    /// Stops accepting: every thread blocked in `accept` on this socket returns at once (`EINVAL`).
    func shutdownAccepting() {
        _ = Glibc.shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Closes the socket and removes its unix socket file, unless that file has been replaced since.
    func close() {
        _ = Glibc.close(fd)
        if let socketFile, FileIdentity(path: boundAddress) == socketFile {
            _ = unlink(boundAddress)
        }
    }

    private static func openUnix(path: String, mode: Int, group: String?) throws(FastCGIError) -> ListeningSocket {
        try clearStaleSocket(at: path)
        let groupID = try group.map { name throws(FastCGIError) in try lookUpGroup(name) }
        let fd = try makeSocket(family: AF_UNIX, target: path)
        // The mode of the socket's inode becomes the file's mode at bind (less the umask), so the file is
        // never more open than asked, not even for a moment.
        _ = fchmod(fd, mode_t(mode))
        var address = unixAddress(path)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if bound != 0 {
            let code = errno
            _ = Glibc.close(fd)
            throw code == EADDRINUSE ? .socketInUse(path: path) : .system(operation: "bind", target: path, errno: code)
        }
        func fail(_ operation: String) -> FastCGIError {
            let error = FastCGIError.system(operation: operation, target: path, errno: errno)
            _ = Glibc.close(fd)
            _ = unlink(path)
            return error
        }
        // The umask may have taken group bits away: set the mode exactly.
        guard chmod(path, mode_t(mode)) == 0 else { throw fail("chmod") }
        if let groupID, lchown(path, uid_t.max, groupID) != 0 { throw fail("chgrp") }
        guard listen(fd, backlog) == 0 else { throw fail("listen") }
        return ListeningSocket(fd: fd, boundAddress: path, socketFile: FileIdentity(path: path))
    }

    /// Removes a socket file left by a server that died; refuses a live socket or any other file.
    private static func clearStaleSocket(at path: String) throws(FastCGIError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(path: path) }
        let probe = try makeSocket(family: AF_UNIX, target: path)
        defer { _ = Glibc.close(probe) }
        var address = unixAddress(path)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if connected == 0 { throw .socketInUse(path: path) }
        let code = errno
        guard code == ECONNREFUSED else { throw .system(operation: "connect", target: path, errno: code) }
        guard unlink(path) == 0 || errno == ENOENT else {
            throw .system(operation: "remove stale socket", target: path, errno: errno)
        }
    }

    private static func openTCP(host: String, port: UInt16) throws(FastCGIError) -> ListeningSocket {
        let text = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &list)
        guard resolved == 0, let first = list else {
            throw .invalidAddress(text, reason: String(cString: gai_strerror(resolved)))
        }
        defer { freeaddrinfo(list) }
        let fd = try makeSocket(family: first.pointee.ai_family, target: text)
        var reuse: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0, listen(fd, backlog) == 0 else {
            let error = FastCGIError.system(operation: "listen on", target: text, errno: errno)
            _ = Glibc.close(fd)
            throw error
        }
        return ListeningSocket(fd: fd, boundAddress: boundName(of: fd) ?? text, socketFile: nil)
    }

    private static func makeSocket(family: Int32, target: String) throws(FastCGIError) -> Int32 {
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .system(operation: "socket for", target: target, errno: errno) }
        return fd
    }

    private static func unixAddress(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: path.utf8.prefix(ListenAddress.maxPathBytes))
        }
        return address
    }

    private static func lookUpGroup(_ name: String) throws(FastCGIError) -> gid_t {
        var group = Glibc.group()
        var result: UnsafeMutablePointer<Glibc.group>?
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        let code = getgrnam_r(name, &group, &buffer, buffer.count, &result)
        guard code == 0 else { throw .system(operation: "look up group", target: name, errno: code) }
        guard let result else { throw .unknownGroup(name) }
        return result.pointee.gr_gid
    }

    /// `HOST:PORT` of a bound TCP socket, as numbers.
    private static func boundName(of fd: Int32) -> String? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { return nil }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let converted = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo(
                    $0,
                    length,
                    &host,
                    socklen_t(host.count),
                    &service,
                    socklen_t(service.count),
                    NI_NUMERICHOST | NI_NUMERICSERV
                )
            }
        }
        guard converted == 0 else { return nil }
        let hostText = host.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let portText = service.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return hostText.contains(":") ? "[\(hostText)]:\(portText)" : "\(hostText):\(portText)"
    }
}
