/// An HTTP response as the web application produces it.
public struct HTTPResponse: Sendable {
    /// Where the bytes of the body come from.
    public enum Body: Sendable {
        /// Bytes in memory.
        case bytes([UInt8])
        /// A file streamed to the client in chunks and deleted afterwards (large exports), so a
        /// worker's memory does not grow with the file.
        case temporaryFile(path: String)
    }

    public var status: Int
    /// Header fields in the order they are sent; names as written.
    public var headers: [(name: String, value: String)]
    public var body: Body

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A page or other text in UTF-8.
    public init(status: Int = 200, contentType: String, text: String) {
        self.init(status: status, headers: [("Content-Type", contentType)], body: .bytes(Array(text.utf8)))
    }

    /// A 303 redirect to a path of this site.
    public static func redirect(to location: String) -> HTTPResponse {
        HTTPResponse(status: 303, headers: [("Location", location)])
    }

    /// Adds a header field.
    public mutating func addHeader(_ name: String, _ value: String) {
        headers.append((name, value))
    }

    /// The first value of a header field, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name.lowercased() == name }?.value
    }

    /// The body bytes when they are in memory (tests read pages this way).
    public var bodyBytes: [UInt8] {
        if case .bytes(let bytes) = body { return bytes }
        return []
    }

    /// The reason phrase for the status line FastCGI sends as `Status:`.
    public var reasonPhrase: String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 303: "See Other"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// Anything that answers HTTP requests: the web application, or a test double.
public protocol HTTPHandler: Sendable {
    func handle(_ request: HTTPRequest) -> HTTPResponse
}
