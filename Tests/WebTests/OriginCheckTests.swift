import HTTPCore
import Testing

@testable import Web

/// The Origin check behind the project's nginx.conf (Host with its port) and behind Debian's
/// stock `fastcgi_params` (Host without the port, `SERVER_PORT` beside it).
struct OriginCheckTests {
    @Test(
        arguments: [
            ("panel.example:8080", nil, false, "http://panel.example:8080"),
            ("panel.example", 8080, false, "http://panel.example:8080"),
            ("panel.example", 80, false, "http://panel.example"),
            ("panel.example", nil, false, "http://panel.example"),
            ("panel.example", 443, true, "https://panel.example"),
            ("panel.example", 8443, true, "https://panel.example:8443"),
            ("panel.example:443", 443, true, "https://panel.example"),
            ("Panel.Example:8080", 80, false, "http://panel.example:8080"),
            ("[::1]", 8080, false, "http://[::1]:8080"),
            ("[::1]:9000", 8080, false, "http://[::1]:9000"),
            ("127.0.0.1", 8080, false, "http://127.0.0.1:8080"),
        ] as [(String, Int?, Bool, String)]
    )
    func expectedOrigin(host: String, serverPort: Int?, https: Bool, origin: String) {
        #expect(OriginCheck.expected(host: host, serverPort: serverPort, https: https) == origin)
    }

    @Test(arguments: ["", ":8080", "panel.example:", "panel.example:x", "panel.example:99999", "[::1", "a b", "u@h"])
    func malformedHostHasNoOrigin(host: String) {
        #expect(OriginCheck.expected(host: host, serverPort: 8080, https: false) == nil)
    }

    @Test func debianStockParamsOnANonDefaultPort() {
        let request = post(origin: "http://panel.example:8080", host: "panel.example", serverPort: 8080)
        #expect(OriginCheck.allows(request))
    }

    @Test(arguments: [
        "http://evil.example:8080", "https://panel.example:8080", "http://panel.example", "http://panel.example:8081",
        "null", "http://panel.example:8080.evil.example",
    ])
    func foreignOriginsAreRefused(origin: String) {
        #expect(!OriginCheck.allows(post(origin: origin, host: "panel.example", serverPort: 8080)))
        #expect(!OriginCheck.allows(post(origin: origin, host: "panel.example:8080", serverPort: 8080)))
    }

    @Test func noOriginIsLeftToTheToken() {
        var request = post(origin: "x", host: "panel.example", serverPort: 8080)
        request.headers[.origin] = nil
        #expect(OriginCheck.allows(request))
    }

    @Test func anOriginWithoutHostIsRefused() {
        var request = post(origin: "http://panel.example", host: "panel.example", serverPort: 80)
        request.headers[.requestHost] = nil
        #expect(!OriginCheck.allows(request))
    }

    /// The login form through the panel, as Debian's stock `fastcgi_params` passes it on `:8080`.
    @Test func loginBehindStockParamsOnANonDefaultPort() throws {
        let web = try WebHarness()
        web.get("/login")
        let body = "csrf_token=\(web.csrfToken)&name=admin&password=correct+horse+battery"
        var request = HTTPRequestBuilder.form("/login", body, cookies: web.cookies)
        request.headers[.requestHost] = "panel.example"
        request.serverPort = 8080
        request.headers[.origin] = "http://evil.example:8080"
        #expect(web.app.handle(request).status == 403)
        request.headers[.origin] = "http://panel.example:8080"
        #expect(web.app.handle(request).status == 303)
    }

    private func post(origin: String, host: String, serverPort: Int?, https: Bool = false) -> HTTPRequest {
        HTTPRequest(
            method: .post,
            path: "/login",
            headers: [.origin: origin, .requestHost: host],
            isHTTPS: https,
            serverPort: serverPort
        )
    }
}
