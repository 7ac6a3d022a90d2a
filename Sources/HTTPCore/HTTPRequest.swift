public import HTTPTypes

/// An HTTP request as the web application sees it, free of any server library; its method and
/// header fields are apple/swift-http-types' (`HTTPMethod`, `HTTPFields`).
///
/// The FastCGI module builds it from the FastCGI parameters; tests build it by hand.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The path without the query string, as sent (percent-encoded).
    public var path: String
    /// The raw query string, without `?`.
    public var query: String
    public var headers: HTTPFields
    /// The request body, already capped by the server.
    public var body: [UInt8]
    /// The client's address as nginx saw it.
    public var remoteAddress: String
    /// True when the browser talked HTTPS to nginx (cookies then get `Secure`).
    public var isHTTPS: Bool
    /// The port nginx took the request on (`SERVER_PORT`); nil when it did not say.
    public var serverPort: Int?

    public init(
        method: HTTPMethod,
        path: String,
        query: String = "",
        headers: HTTPFields = [:],
        body: [UInt8] = [],
        remoteAddress: String = "127.0.0.1",
        isHTTPS: Bool = false,
        serverPort: Int? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.isHTTPS = isHTTPS
        self.serverPort = serverPort
    }
}
