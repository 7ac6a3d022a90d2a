/// An HTTP request as the web application sees it, free of any server library.
///
/// The FastCGI module builds it from the FastCGI parameters; tests build it by hand.
public struct HTTPRequest: Sendable {
    /// `GET`, `POST` …, upper case.
    public var method: String
    /// The path without the query string, as sent (percent-encoded).
    public var path: String
    /// The raw query string, without `?`.
    public var query: String
    /// Header fields with lower-case names; repeated fields joined by `, `.
    public var headers: [String: String]
    /// The request body, already capped by the server.
    public var body: [UInt8]
    /// The client's address as nginx saw it.
    public var remoteAddress: String
    /// True when the browser talked HTTPS to nginx (cookies then get `Secure`).
    public var isHTTPS: Bool

    public init(
        method: String,
        path: String,
        query: String = "",
        headers: [String: String] = [:],
        body: [UInt8] = [],
        remoteAddress: String = "127.0.0.1",
        isHTTPS: Bool = false
    ) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { "\($0), \($1)" })
        self.body = body
        self.remoteAddress = remoteAddress
        self.isHTTPS = isHTTPS
    }

    /// The value of a header field, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
