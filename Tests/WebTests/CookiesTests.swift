import HTTPCore
import Testing

@testable import Web

/// The Cookie header, duplicate names, and the `__Host-` names under HTTPS.
@Suite struct CookiesTests {
    @Test func parsesPairs() {
        #expect(Cookies.parse("a=1; b=\"2\";c=3; bad; =x") == ["a": "1", "b": "2", "c": "3"])
        #expect(Cookies.parse(nil) == [:])
    }

    @Test func aNameSentTwiceIsLeftOut() {
        #expect(Cookies.parse("mr_session=a; mr_lang=en; mr_session=b") == ["mr_lang": "en"])
        #expect(Cookies.parse("x=1; x=1; x=1; y=2") == ["y": "2"])
    }

    @Test func namesUnderHTTPSCarryTheHostPrefix() {
        #expect(CookieName.session(secure: true) == "__Host-mr_session")
        #expect(CookieName.login(secure: true) == "__Host-mr_login")
        #expect(CookieName.device(secure: true) == "__Host-mr_device")
        #expect(CookieName.session(secure: false) == "mr_session")
        let set = Cookies.set(CookieName.session(secure: true), "t", secure: true)
        #expect(set.hasPrefix("__Host-mr_session=t;") && set.contains("Secure") && set.contains("Path=/"))
        #expect(!set.contains("Domain"))
    }

    @Test func aDuplicateSessionCookieIsNoSession() throws {
        let web = try WebHarness()
        web.logIn()
        let token = try #require(web.cookies["mr_session"])
        #expect(web.get("/profiles").status == 200)
        for header in ["mr_session=\(token); mr_session=planted", "mr_session=planted; mr_session=\(token)"] {
            let request = HTTPRequest(method: .get, path: "/profiles", headers: [.cookie: header])
            let response = web.app.handle(request)
            #expect(response.status == 303)
            #expect(response.header("Location")?.hasPrefix("/login") == true)
        }
    }

    @Test func aDuplicateLoginTokenIsNoToken() throws {
        let web = try WebHarness()
        web.get("/login")
        let token = try #require(web.cookies["mr_login"])
        let body = "csrf_token=\(token)&name=admin&password=correct+horse+battery"
        var request = HTTPRequestBuilder.form("/login", body, cookies: [:])
        request.headers[.cookie] = "mr_login=\(token); mr_login=\(token)x"
        #expect(web.app.handle(request).status == 403)
    }

    @Test func underHTTPSTheSessionLivesInHostPrefixedCookies() throws {
        let web = try WebHarness()
        let page = web.get("/login", https: true)
        let loginCookie = try #require(page.headers[values: .setCookie].first)
        #expect(loginCookie.hasPrefix("__Host-mr_login=") && loginCookie.contains("Secure"))
        let response = web.post("/login", [("name", "admin"), ("password", "correct horse battery")], https: true)
        #expect(response.status == 303)
        let names = response.headers[values: .setCookie].map { String($0.prefix { $0 != "=" }) }
        #expect(Set(names) == ["__Host-mr_session", "__Host-mr_login", "__Host-mr_device"])
        #expect(response.headers[values: .setCookie].allSatisfy { $0.contains("Secure") && $0.contains("Path=/") })
        #expect(web.get("/profiles", https: true).status == 200)

        // A plain-named cookie (planted by a sibling subdomain or an HTTP answer) is not read under HTTPS.
        let token = try #require(web.cookies["__Host-mr_session"])
        let planted = HTTPRequest(
            method: .get,
            path: "/profiles",
            headers: [.cookie: "mr_session=\(token)"],
            isHTTPS: true
        )
        #expect(web.app.handle(planted).status == 303)
        // Nor is a prefixed one over plain HTTP.
        #expect(web.get("/profiles").status == 303)
    }
}
