import Glibc
import HTTPCore
import Synchronization

/// Answers with the request's body and keeps every request it saw.
final class RecordingHandler: HTTPHandler {
    private let seen = Mutex<[HTTPRequest]>([])

    var requests: [HTTPRequest] { seen.withLock { $0 } }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        seen.withLock { $0.append(request) }
        return HTTPResponse(
            status: .ok,
            headers: [.contentType: "application/octet-stream"],
            body: .bytes(request.body)
        )
    }
}

/// Answers every request with the same response.
struct FixedHandler: HTTPHandler {
    let response: HTTPResponse

    func handle(_ request: HTTPRequest) -> HTTPResponse { response }
}

/// Answers 200 only once `parties` requests have been inside it at the same time; a request that waits
/// 5 s in vain gets 504. Only a server that runs handlers in parallel can answer them all with 200.
final class BarrierHandler: HTTPHandler {
    let parties: Int
    private let arrivals = Mutex(0)

    init(parties: Int) {
        self.parties = parties
    }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        arrivals.withLock { $0 += 1 }
        for _ in 0..<2500 {
            if arrivals.withLock({ $0 }) >= parties {
                return HTTPResponse(status: .ok, contentType: "text/plain", text: "met")
            }
            usleep(2000)
        }
        return HTTPResponse(status: .gatewayTimeout, contentType: "text/plain", text: "alone")
    }
}

/// Answers with a temporary file of `size` bytes, made in `directory`, and remembers its path.
final class FileHandler: HTTPHandler {
    let directory: String
    let size: Int
    private let paths = Mutex<[String]>([])

    init(directory: String, size: Int) {
        self.directory = directory
        self.size = size
    }

    var madeFiles: [String] { paths.withLock { $0 } }

    /// The bytes every file holds: a pattern whose period (4093, a prime) shows any chunk out of place.
    static func content(size: Int) -> [UInt8] {
        let pattern = (0..<4093).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }
        var content: [UInt8] = []
        content.reserveCapacity(size + pattern.count)
        while content.count < size { content.append(contentsOf: pattern) }
        return Array(content.prefix(size))
    }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let path = paths.withLock { paths in
            paths.append("\(directory)/export-\(paths.count).bin")
            return paths.last!
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let content = Self.content(size: size)
        _ = content.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        return HTTPResponse(
            status: .ok,
            headers: [.contentType: "application/octet-stream"],
            body: .temporaryFile(path: path)
        )
    }
}
