import Glibc

/// A minimal FastCGI client in the responder role, one request per connection, as nginx talks to the server.
struct FastCGITestClient {
    enum Target {
        case unix(String)
        case tcp(host: String, port: UInt16)
    }

    /// A parsed answer: the `Status` line, the other header fields, the body.
    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let target: Target

    /// Sends one request and reads the whole answer.
    func send(_ parameters: [(String, String)], body: [UInt8] = []) throws -> Response {
        let connection = try Connection(target)
        defer { connection.close() }
        try connection.sendRequest(parameters, body: body)
        return try Self.parse(connection.readStdout())
    }

    /// Sends a request, reads `bytes` bytes of the answer at most, and hangs up.
    func sendAndHangUp(_ parameters: [(String, String)], afterReading bytes: Int) throws {
        let connection = try Connection(target)
        defer { connection.close() }
        try connection.sendRequest(parameters, body: [])
        _ = try connection.readStdout(upTo: bytes)
    }

    static func parse(_ stdout: [UInt8]) throws -> Response {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = stdout.indices.first(where: { stdout[$0...].starts(with: separator) }) else {
            throw Failure(description: "no end of header block in \(stdout.count) bytes")
        }
        var status = 200
        var headers: [(name: String, value: String)] = []
        for line in String(decoding: stdout[..<end], as: UTF8.self).split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "bad line \(line)") }
            let name = String(line[..<colon])
            let value = String(line[line.index(after: colon)...].drop { $0 == " " })
            if name == "Status" {
                status = Int(value.prefix(3)) ?? 0
            } else {
                headers.append((name, value))
            }
        }
        return Response(status: status, headers: headers, body: Array(stdout[(end + separator.count)...]))
    }

    /// One connection to the server.
    final class Connection {
        private let fd: Int32

        init(_ target: Target) throws {
            switch target {
            case .unix(let path):
                fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
                var address = sockaddr_un()
                address.sun_family = sa_family_t(AF_UNIX)
                withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
                try Self.check(
                    withUnsafePointer(to: &address) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                        }
                    },
                    "connect",
                    fd
                )
            case .tcp(let host, let port):
                fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = port.bigEndian
                inet_pton(AF_INET, host, &address.sin_addr)
                try Self.check(
                    withUnsafePointer(to: &address) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                        }
                    },
                    "connect",
                    fd
                )
            }
            // No test waits forever for a broken server.
            var timeout = timeval(tv_sec: 15, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        private static func check(_ result: Int32, _ operation: String, _ fd: Int32) throws {
            guard result == 0 else {
                let code = errno
                Glibc.close(fd)
                throw Failure(description: "\(operation): errno \(code)")
            }
        }

        func close() {
            Glibc.close(fd)
        }

        /// BEGIN_REQUEST (responder, connection closed after), PARAMS, STDIN, each stream ended.
        func sendRequest(_ parameters: [(String, String)], body: [UInt8]) throws {
            try write(Self.record(type: 1, content: [0, 1, 0, 0, 0, 0, 0, 0]))
            var encoded: [UInt8] = []
            for (name, value) in parameters {
                encoded += Self.length(name.utf8.count) + Self.length(value.utf8.count)
                encoded += Array(name.utf8) + Array(value.utf8)
            }
            try writeStream(type: 4, encoded)
            try writeStream(type: 5, body)
        }

        private func writeStream(type: UInt8, _ bytes: [UInt8]) throws {
            var rest = bytes[...]
            while !rest.isEmpty {
                try write(Self.record(type: type, content: Array(rest.prefix(32 * 1024))))
                rest = rest.dropFirst(32 * 1024)
            }
            try write(Self.record(type: type, content: []))
        }

        /// STDOUT content until END_REQUEST, or until `limit` bytes have come.
        func readStdout(upTo limit: Int = .max) throws -> [UInt8] {
            var stdout: [UInt8] = []
            while stdout.count < limit {
                let header = try read(8)
                let length = Int(header[4]) << 8 | Int(header[5])
                let content = try read(length + Int(header[6]))
                switch header[1] {
                case 6: stdout += content.prefix(length)
                case 3: return stdout
                default: continue
                }
            }
            return stdout
        }

        private func write(_ bytes: [UInt8]) throws {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes {
                    Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
                guard sent > 0 else { throw Failure(description: "send: errno \(errno)") }
                offset += sent
            }
        }

        private func read(_ count: Int) throws -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: count)
            var offset = 0
            while offset < count {
                let got = bytes[offset...].withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard got > 0 else {
                    throw Failure(description: got == 0 ? "connection closed" : "recv: errno \(errno)")
                }
                offset += got
            }
            return bytes
        }

        static func record(type: UInt8, content: [UInt8]) -> [UInt8] {
            let padding = (8 - content.count % 8) % 8
            let header: [UInt8] = [
                1, type, 0, 1, UInt8(content.count >> 8), UInt8(content.count & 0xFF), UInt8(padding), 0,
            ]
            return header + content + [UInt8](repeating: 0, count: padding)
        }

        static func length(_ count: Int) -> [UInt8] {
            count < 128
                ? [UInt8(count)]
                : [UInt8(count >> 24 | 0x80), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)]
        }
    }
}
