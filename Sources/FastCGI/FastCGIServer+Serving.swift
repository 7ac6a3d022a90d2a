import Glibc
import HTTPCore
import Logging

extension FastCGIServer {
    /// Bytes read from a request body or a response file at a time.
    static let chunkSize = 64 * 1024

    /// What reading a request body gave.
    enum BodyReading: Equatable {
        case complete([UInt8])
        /// Longer than `maxBodyBytes`, declared or actual; reading stopped there.
        case tooLarge
        /// Shorter than `CONTENT_LENGTH` said.
        case incomplete
        case invalidLength
    }

    /// One worker thread: accept a request, answer it, until the server stops.
    func work() {
        let exchange = FastCGIExchange(listeningSocket: socket.fd)
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { scratch.deallocate() }
        var failures: UInt32 = 0
        while true {
            let code = exchange.accept()
            if code < 0 {
                if isStopping { return }
                failures += 1
                logger.error("accepting a FastCGI connection failed", metadata: ["errno": "\(-code)"])
                // Out of file descriptors and the like: wait (up to 1 s) rather than spin.
                usleep(min(failures, 100) * 10_000)
                continue
            }
            failures = 0
            answer(exchange, scratch: scratch)
            exchange.finish()
        }
    }

    private func answer(_ exchange: FastCGIExchange, scratch: UnsafeMutableRawBufferPointer) {
        let parameters = CGIParameters(exchange.parameters())
        let response: HTTPResponse
        switch readBody(from: exchange, length: parameters.bodyLength, scratch: scratch) {
        case .complete(let body):
            if let request = parameters.request(body: body) {
                response = handler.handle(request)
            } else {
                response = Self.plain(.badRequest, "The request method is missing or malformed.")
            }
        case .tooLarge:
            logger.notice("refused a request body over the limit", metadata: ["limit": "\(maxBodyBytes)"])
            response = Self.plain(.contentTooLarge, "The request body is too large.")
        case .incomplete:
            response = Self.plain(.badRequest, "The request body ended before CONTENT_LENGTH bytes.")
        case .invalidLength:
            response = Self.plain(.badRequest, "CONTENT_LENGTH is not a number.")
        }
        send(response, to: exchange, includeBody: parameters["REQUEST_METHOD"] != "HEAD", scratch: scratch)
    }

    /// Reads the body in chunks, never holding more than `maxBodyBytes` + one chunk.
    func readBody(
        from exchange: FastCGIExchange,
        length: CGIParameters.BodyLength,
        scratch: UnsafeMutableRawBufferPointer
    ) -> BodyReading {
        let limit: Int
        switch length {
        case .invalid:
            return .invalidLength
        case .declared(let count):
            guard count <= maxBodyBytes else { return .tooLarge }
            limit = count
        case .unknown:
            limit = maxBodyBytes + 1
        }
        var body: [UInt8] = []
        body.reserveCapacity(min(limit, scratch.count))
        while body.count < limit {
            let wanted = UnsafeMutableRawBufferPointer(rebasing: scratch.prefix(limit - body.count))
            let count = exchange.read(into: wanted)
            body.append(contentsOf: wanted.prefix(count))
            if count < wanted.count { break }
        }
        if body.count > maxBodyBytes { return .tooLarge }
        if case .declared(let count) = length, body.count < count { return .incomplete }
        return .complete(body)
    }

    /// Writes the head and, unless the request was HEAD, the body; a file body is streamed and deleted.
    private func send(
        _ response: HTTPResponse,
        to exchange: FastCGIExchange,
        includeBody: Bool,
        scratch: UnsafeMutableRawBufferPointer
    ) {
        let withBody = includeBody && ResponseHead.mayHaveBody(status: response.status)
        switch response.body {
        case .bytes(let bytes):
            let head = head(response, bodyLength: bytes.count)
            let written = head.withUnsafeBytes { head in
                bytes.withUnsafeBytes { body in exchange.write(withBody ? [head, body] : [head]) }
            }
            if !written { logClientGone() }
        case .temporaryFile(let path):
            defer { unlink(path) }
            let file = open(path, O_RDONLY | O_CLOEXEC)
            guard file >= 0 else {
                logger.error("cannot open a response file", metadata: ["path": "\(path)", "errno": "\(errno)"])
                send(
                    Self.plain(.internalServerError, "The response could not be read."),
                    to: exchange,
                    includeBody: includeBody,
                    scratch: scratch
                )
                return
            }
            defer { close(file) }
            var info = stat()
            let length = fstat(file, &info) == 0 ? Int(info.st_size) : nil
            guard head(response, bodyLength: length).withUnsafeBytes({ exchange.write([$0]) }) else {
                logClientGone()
                return
            }
            guard withBody else { return }
            while true {
                let count = read(file, scratch.baseAddress, scratch.count)
                if count < 0 && errno == EINTR { continue }
                if count < 0 {
                    logger.error("reading a response file failed", metadata: ["path": "\(path)", "errno": "\(errno)"])
                }
                guard count > 0 else { return }
                guard exchange.write([UnsafeRawBufferPointer(rebasing: scratch.prefix(count))]) else {
                    logClientGone()
                    return
                }
            }
        }
    }

    /// The CGI head of `response`, reporting the fields it had to leave out.
    private func head(_ response: HTTPResponse, bodyLength: Int?) -> [UInt8] {
        let head = ResponseHead(response, bodyLength: bodyLength)
        if !head.dropped.isEmpty {
            logger.warning(
                "left out response header fields that would break the response",
                metadata: ["fields": "\(head.dropped.joined(separator: ", "))"]
            )
        }
        return head.bytes
    }

    private func logClientGone() {
        logger.debug("the web server went away before the answer was written")
    }

    static func plain(_ status: HTTPStatus, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", text: text + "\n")
    }
}
