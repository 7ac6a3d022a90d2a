import HTTPCore

/// The CGI parameters of one FastCGI request, translated into the parts of an `HTTPRequest`.
///
/// Everything comes from the web server's parameters of this request, never from the process
/// environment. The path is `REQUEST_URI` without its query (as the browser sent it, percent-encoded),
/// else `DOCUMENT_URI`, else `SCRIPT_NAME` + `PATH_INFO`. `HTTP_*` parameters become header fields with
/// lower-case names and `-` for `_`; `CONTENT_TYPE` and `CONTENT_LENGTH` become `content-type` and
/// `content-length`. `HTTPS=on` marks a request the browser made over HTTPS; `SERVER_PORT` is the
/// port nginx took it on (Debian's stock `fastcgi_params` sends `HTTP_HOST` without the port).
struct CGIParameters {
    /// How long the web server says the body is.
    enum BodyLength: Equatable {
        /// No `CONTENT_LENGTH` (or an empty one): the body ends where the web server ends it.
        case unknown
        case declared(Int)
        /// `CONTENT_LENGTH` is not a decimal number.
        case invalid
    }

    private let pairs: [(name: String, value: String)]

    init(_ pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    /// The first value of a parameter.
    subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    var bodyLength: BodyLength {
        guard let text = self["CONTENT_LENGTH"], !text.isEmpty else { return .unknown }
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return .invalid }
        // More digits than an Int holds is still a number, just one over any cap.
        return .declared(Int(text) ?? Int.max)
    }

    /// The request, or nil when the method is missing or malformed.
    func request(body: [UInt8]) -> HTTPRequest? {
        guard let method = self["REQUEST_METHOD"].flatMap({ HTTPMethod($0) }) else { return nil }
        let uri = self["REQUEST_URI"] ?? ""
        let uriPath = uri.hasPrefix("/") ? String(uri.prefix { $0 != "?" }) : nil
        let query = self["QUERY_STRING"] ?? (uri.firstIndex(of: "?").map { String(uri[uri.index(after: $0)...]) } ?? "")
        return HTTPRequest(
            method: method,
            path: uriPath ?? nonEmpty(self["DOCUMENT_URI"]) ?? scriptPath,
            query: query,
            headers: headers,
            body: body,
            remoteAddress: self["REMOTE_ADDR"] ?? "",
            isHTTPS: self["HTTPS"]?.lowercased() == "on",
            serverPort: self["SERVER_PORT"].flatMap { Int($0) }.flatMap { (1...65535).contains($0) ? $0 : nil }
        )
    }

    /// `SCRIPT_NAME` + `PATH_INFO`, or `/`.
    private var scriptPath: String {
        let path = (self["SCRIPT_NAME"] ?? "") + (self["PATH_INFO"] ?? "")
        return path.isEmpty ? "/" : path
    }

    /// Header fields from the `HTTP_*`, `CONTENT_TYPE` and `CONTENT_LENGTH` parameters, with
    /// lower-case names and `-` for `_`; a name that is not a token is left out. A field sent twice
    /// reads joined with `, ` (`; ` for `cookie`, as browsers join cookies). nginx also passes the
    /// request's own Content-Type and Content-Length as `HTTP_CONTENT_*`: the CGI parameters win.
    var headers: HTTPFields {
        var headers = HTTPFields()
        let cgiFields = ["CONTENT_TYPE", "CONTENT_LENGTH"].filter { self[$0]?.isEmpty == false }
        for (name, value) in pairs {
            let field: String
            if name.hasPrefix("HTTP_") && name.utf8.count > 5 {
                guard !cgiFields.contains(String(name.dropFirst(5))) else { continue }
                field = String(name.dropFirst(5)).lowercased().replacingUnderscores()
            } else if name == "CONTENT_TYPE" || name == "CONTENT_LENGTH" {
                guard !value.isEmpty else { continue }
                field = name.lowercased().replacingUnderscores()
            } else {
                continue
            }
            guard let name = HTTPField.Name(field) else { continue }
            headers.append(HTTPField(name: name, value: value))
        }
        return headers
    }

    private func nonEmpty(_ text: String?) -> String? {
        text?.isEmpty == false ? text : nil
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
