import Foundation
import HTTPCore
import MailTestSupport
import Synchronization
import Testing

@testable import Storage
@testable import Web

/// Login, sessions and CSRF (DESIGN.md §4) through `AdminApp.handle`.
@Suite struct AccessTests {
    @Test func pagesNeedASession() throws {
        let web = try WebHarness()
        for path in ["/profiles", "/profiles/new", "/"] {
            let response = web.get(path)
            #expect(response.status == 303)
            #expect(response.header("Location")?.hasPrefix(path == "/" ? "/overview" : "/login") == true)
        }
        #expect(web.get("/profiles").header("Location") == "/login?next=%2Fprofiles")
    }

    @Test func loginPageSetsAFormToken() throws {
        let web = try WebHarness()
        let response = web.get("/login")
        #expect(response.status == 200)
        #expect(web.cookies["mr_login"] != nil)
        #expect(web.csrfToken == web.cookies["mr_login"])
        #expect(response.text.contains("Вход в mailrobot"))
    }

    @Test func loginWithoutTokenIsRefused() throws {
        let web = try WebHarness()
        web.get("/login")
        let response = web.post("/login", [("name", "admin"), ("password", "correct horse battery")], csrf: "forged")
        #expect(response.status == 403)
        #expect(web.cookies["mr_session"] == nil)
    }

    @Test func wrongPasswordAndUnknownNameGetTheSameMessage() throws {
        let web = try WebHarness()
        web.get("/login")
        let wrong = web.post("/login", [("name", "admin"), ("password", "nope")])
        let wrongText = web.lastPage
        let unknown = web.post("/login", [("name", "ghost"), ("password", "nope")])
        #expect(wrong.status == 401 && unknown.status == 401)
        #expect(wrongText.contains("Неверное имя или пароль."))
        #expect(web.lastPage.contains("Неверное имя или пароль."))
        #expect(web.cookies["mr_session"] == nil)
    }

    @Test func emptyPasswordNeverLogsIn() throws {
        let web = try WebHarness()
        web.get("/login")
        #expect(web.post("/login", [("name", "admin"), ("password", "")]).status == 401)
    }

    @Test func loginSetsAStrictHttpOnlyCookieAndRotatesIt() throws {
        let web = try WebHarness()
        web.cookies["mr_session"] = "attacker-chosen"
        web.get("/login")
        let response = web.post(
            "/login",
            [("name", "admin"), ("password", "correct horse battery"), ("next", "/profiles")]
        )
        #expect(response.status == 303)
        #expect(response.header("Location") == "/profiles")
        let cookie = try #require(
            response.headers.first { $0.name == .setCookie && $0.value.hasPrefix("mr_session=") }
        )
        #expect(cookie.value.contains("HttpOnly"))
        #expect(cookie.value.contains("SameSite=Strict"))
        #expect(!cookie.value.contains("Secure"))
        #expect(web.cookies["mr_session"] != "attacker-chosen")
        #expect(web.get("/profiles").status == 200)
    }

    @Test func secureCookieUnderHTTPS() throws {
        let web = try WebHarness()
        web.get("/login", https: true)
        let response = web.post("/login", [("name", "admin"), ("password", "correct horse battery")], https: true)
        let cookie = try #require(
            response.headers.first { $0.name == .setCookie && $0.value.hasPrefix("__Host-mr_session=") }
        )
        #expect(cookie.value.contains("Secure"))
    }

    @Test func sessionTokenIsStoredOnlyAsDigest() throws {
        let web = try WebHarness()
        web.logIn()
        let token = try #require(web.cookies["mr_session"])
        let stored = try web.db.rows("SELECT token_hash FROM sessions").map { try $0.string("token_hash") }
        #expect(stored.count == 1)
        #expect(!stored.contains(token))
    }

    @Test func nextCannotRedirectElsewhere() throws {
        let web = try WebHarness()
        web.get("/login")
        for next in ["//evil.example/x", "https://evil.example", "/\\evil.example"] {
            web.cookies["mr_session"] = nil
            web.get("/login")
            let response = web.post(
                "/login",
                [("name", "admin"), ("password", "correct horse battery"), ("next", next)]
            )
            #expect(response.header("Location") == "/overview", "next=\(next)")
        }
    }

    @Test func idleSessionExpires() throws {
        let web = try WebHarness()
        web.logIn()
        #expect(web.get("/profiles").status == 200)
        web.clock.advance(by: 29 * 60)
        #expect(web.get("/profiles").status == 200)
        web.clock.advance(by: 29 * 60)
        #expect(web.get("/profiles").status == 200, "a request resets the idle timer")
        web.clock.advance(by: 31 * 60)
        #expect(web.get("/profiles").status == 303)
        #expect(try web.db.integer("SELECT count(*) FROM sessions") == 0)
    }

    @Test func logoutEndsTheSession() throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/profiles")
        let stolen = web.cookies["mr_session"]
        #expect(web.post("/logout", []).status == 303)
        web.cookies["mr_session"] = stolen
        #expect(web.get("/profiles").status == 303)
    }

    @Test func postWithoutCSRFTokenChangesNothing() throws {
        let web = try WebHarness()
        web.logIn()
        let id = try web.createProfile("Первый")
        try web.createProfile("Второй")
        web.get("/profiles")
        let before = try web.db.rows("SELECT * FROM profiles ORDER BY id").map { "\($0.values)" }
        for (path, fields) in [
            ("/profiles", WebHarness.profileFields(name: "Третий")), ("/profiles/\(id)/delete", []),
            ("/profiles/\(id)", WebHarness.profileFields(name: "Переименован")),
        ] {
            #expect(web.post(path, fields, csrf: "").status == 403)
            #expect(web.post(path, fields, csrf: "wrong-token").status == 403)
        }
        let after = try web.db.rows("SELECT * FROM profiles ORDER BY id").map { "\($0.values)" }
        #expect(before == after)
    }

    @Test func crossOriginPostIsRefused() throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/profiles/new")
        var request = HTTPRequestBuilder.form("/profiles", "csrf_token=\(web.csrfToken)&name=x", cookies: web.cookies)
        request.headers[.origin] = "https://evil.example"
        request.headers[.requestHost] = "panel.example"
        #expect(web.app.handle(request).status == 403)
    }

    @Test func repeatedFailuresAreSlowedDown() throws {
        let web = try WebHarness()
        web.get("/login")
        for _ in 0..<3 { #expect(web.post("/login", [("name", "admin"), ("password", "bad")]).status == 401) }
        let slowed = web.post("/login", [("name", "admin"), ("password", "correct horse battery")])
        #expect(slowed.status == 429)
        #expect(web.cookies["mr_session"] == nil)
        web.clock.advance(by: 4)
        #expect(web.post("/login", [("name", "admin"), ("password", "correct horse battery")]).status == 429)
        web.clock.advance(by: 1)
        #expect(web.post("/login", [("name", "admin"), ("password", "correct horse battery")]).status == 303)
    }

    @Test func anotherAddressIsSlowedForTheSameAccount() throws {
        let web = try WebHarness()
        web.get("/login")
        for _ in 0..<3 { web.post("/login", [("name", "admin"), ("password", "bad")]) }
        web.remoteAddress = "198.51.100.7"
        #expect(web.post("/login", [("name", "admin"), ("password", "bad")]).status == 429)
    }

    @Test func malformedBodiesGet400() throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/profiles/new")
        for body in ["csrf_token=\(web.csrfToken)&name=%", "csrf_token=\(web.csrfToken)&name=%FF"] {
            #expect(web.postRaw("/profiles", body: Array(body.utf8)).status == 400)
        }
        #expect(try ProfileStore(web.db).count() == 0)
        #expect(web.get("/profiles?x=%ZZ").status == 400)
    }

    @Test func unknownPathsAndMethods() throws {
        let web = try WebHarness()
        web.logIn()
        #expect(web.get("/nope").status == 404)
        #expect(web.get("/profiles/abc/edit").status == 404)
        #expect(web.get("/profiles/999/edit").status == 404)
        #expect(web.get("/logout").status == 405)
    }
}

/// Findings of a review, kept as tests.
@Suite struct AccessEdgeTests {
    @Test func loginFormWorksWhenTheBrowserAlsoHasALiveSession() throws {
        let web = try WebHarness()
        web.logIn()
        let session = try #require(web.cookies["mr_session"])
        // A page opened from another site: SameSite=Strict hides the session, a new login token is set.
        web.cookies["mr_session"] = nil
        web.get("/login")
        web.cookies["mr_session"] = session
        let response = web.post("/login", [("name", "admin"), ("password", "correct horse battery")])
        #expect(response.status == 303)
    }

    @Test func aPostAfterTheSessionEndedSaysSo() throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/profiles/new")
        web.clock.advance(by: 31 * 60)
        let response = web.post("/profiles", WebHarness.profileFields(name: "Поздно"))
        #expect(response.status == 403)
        #expect(response.text.contains("Сеанс завершён"))
    }

    @Test func headIsAnsweredLikeGet() throws {
        let web = try WebHarness()
        let response = web.app.handle(HTTPRequest(method: .head, path: "/login"))
        #expect(response.status == 200)
    }

    @Test func theAPIIgnoresAMalformedQueryString() throws {
        let web = try WebHarness()
        let response = web.app.handle(
            HTTPRequest(
                method: .post,
                path: "/api/v1/messages",
                query: "%zz",
                headers: [.contentType: "application/json"],
                body: Array("{}".utf8)
            )
        )
        #expect(response.status == 401)
        #expect(response.header("Content-Type") == "application/json")
    }

    @Test func parallelGuessesAreCountedOneAfterAnother() throws {
        let web = try WebHarness()
        web.get("/login")
        let token = web.csrfToken
        let cookies = web.cookies
        let app = web.app
        let statuses = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 12) { _ in
            let body = "csrf_token=\(token)&name=admin&password=wrong"
            let response = app.handle(HTTPRequestBuilder.form("/login", body, cookies: cookies))
            statuses.withLock { $0.append(response.status.code) }
        }
        let all = statuses.withLock { $0 }
        #expect(
            all.filter { $0 == 401 }.count == LoginThrottle.freeFailures,
            "only the free attempts were checked"
        )
        #expect(all.filter { $0 == 429 }.count == 12 - LoginThrottle.freeFailures)
    }

    @Test func someoneElsesFailuresSlowTheAdminForAMinuteAtMost() throws {
        let web = try WebHarness()
        web.get("/login")
        for attempt in 0..<12 {
            web.remoteAddress = "203.0.113.\(attempt)"
            web.clock.advance(by: 61)
            web.post("/login", [("name", "admin"), ("password", "wrong")])
        }
        web.remoteAddress = "192.0.2.200"
        web.clock.advance(by: 60)
        #expect(web.post("/login", [("name", "admin"), ("password", "correct horse battery")]).status == 303)
    }

    @Test func anOverlongNameIsAnOrdinaryFailure() throws {
        let web = try WebHarness()
        web.get("/login")
        let response = web.post("/login", [("name", String(repeating: "a", count: 100_000)), ("password", "x")])
        #expect(response.status == 401)
        #expect(
            try web.db.rows("SELECT subject FROM login_failures").allSatisfy { try $0.string("subject").count < 200 }
        )
    }
}
