public import HTTPTypes

/// An HTTP response as the web application produces it; its status and header fields are
/// apple/swift-http-types' (`HTTPStatus`, `HTTPFields`).
public struct HTTPResponse: Sendable {
    /// Where the bytes of the body come from.
    public enum Body: Sendable {
        /// Bytes in memory.
        case bytes([UInt8])
        /// A file streamed to the client in chunks and deleted afterwards (large exports), so a
        /// worker's memory does not grow with the file.
        case temporaryFile(path: String)
    }

    public var status: HTTPStatus
    /// Header fields in the order they are sent.
    public var headers: HTTPFields
    public var body: Body

    public init(status: HTTPStatus, headers: HTTPFields = [:], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A page or other text in UTF-8.
    public init(status: HTTPStatus = .ok, contentType: String, text: String) {
        self.init(status: status, headers: [.contentType: contentType], body: .bytes(Array(text.utf8)))
    }

    /// A 303 redirect to a path of this site.
    public static func redirect(to location: String) -> HTTPResponse {
        HTTPResponse(status: .seeOther, headers: [.location: location])
    }

    /// The body bytes when they are in memory (tests read pages this way).
    public var bodyBytes: [UInt8] {
        if case .bytes(let bytes) = body { return bytes }
        return []
    }
}

/// Anything that answers HTTP requests: the web application, or a test double.
public protocol HTTPHandler: Sendable {
    func handle(_ request: HTTPRequest) -> HTTPResponse
}
