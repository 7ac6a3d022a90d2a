import HTTPCore

/// Hand-made requests for cases the harness does not cover.
enum HTTPRequestBuilder {
    static func form(_ path: String, _ body: String, cookies: [String: String]) -> HTTPRequest {
        HTTPRequest(
            method: .post,
            path: path,
            headers: [
                .contentType: "application/x-www-form-urlencoded",
                .cookie: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "),
            ],
            body: Array(body.utf8)
        )
    }
}
