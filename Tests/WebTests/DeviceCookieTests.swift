import Foundation
import MailTestSupport
import Secrets
import Testing

@testable import Web

/// OWASP's device cookie: a browser that logged in before passes the lock on its name.
@Suite struct DeviceCookieTests {
    let signer = MessageSigner(key: .random(), purpose: DeviceCookie.purpose)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func readsBackWhatItWrote() throws {
        let cookie = DeviceCookie(name: "Админ", now: now)
        let read = try #require(DeviceCookie(cookie.value(signer: signer), signer: signer, now: now))
        #expect(read == cookie)
        #expect(read.isFor(name: "админ") && read.isFor(name: "АДМИН"))
        #expect(!read.isFor(name: "admin"))
        #expect(DeviceCookie(name: "Админ", now: now).nonce != cookie.nonce, "each login a new nonce")
    }

    @Test func expiresAfterItsLifetime() {
        let value = DeviceCookie(name: "admin", now: now).value(signer: signer)
        #expect(DeviceCookie(value, signer: signer, now: now.addingTimeInterval(DeviceCookie.lifetime - 1)) != nil)
        #expect(DeviceCookie(value, signer: signer, now: now.addingTimeInterval(DeviceCookie.lifetime)) == nil)
    }

    @Test func aChangedOrForeignCookieIsNotTrusted() {
        let value = DeviceCookie(name: "admin", now: now).value(signer: signer)
        let parts = value.split(separator: ".").map(String.init)
        let otherName = RandomBytes.base64URL(Array("root".utf8))
        for forged in [
            ([parts[0], otherName] + parts[2...]).joined(separator: "."),
            ([parts[0], parts[1], "9999999999"] + parts[3...]).joined(separator: "."),
            ([parts[0], parts[1], parts[2], "AAAAAAAAAAAAAAAAAAAAAA", parts[4]]).joined(separator: "."),
            String(value.dropLast()), "", "v1", "v1....", value + ".x", String(repeating: "v1.", count: 400),
        ] {
            #expect(DeviceCookie(forged, signer: signer, now: now) == nil, "\(forged)")
        }
        #expect(DeviceCookie(value, signer: MessageSigner(key: .random(), purpose: "x"), now: now) == nil)
        #expect(DeviceCookie(nil, signer: signer, now: now) == nil)
    }

    @Test func aSuccessfulLoginGivesALongLivedSignedCookie() throws {
        let web = try WebHarness()
        web.get("/login")
        let response = web.post("/login", [("name", "admin"), ("password", "correct horse battery")])
        let set = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("mr_device=") })
        #expect(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/"))
        #expect(set.contains("Max-Age=\(Int(DeviceCookie.lifetime))"))
        let signer = MessageSigner(key: web.key, purpose: DeviceCookie.purpose)
        let cookie = try #require(DeviceCookie(web.cookies["mr_device"], signer: signer, now: web.clock.now()))
        #expect(cookie.isFor(name: "admin"))
    }

    @Test func failedLoginsGiveNoCookie() throws {
        let web = try WebHarness()
        web.get("/login")
        web.post("/login", [("name", "admin"), ("password", "wrong")])
        #expect(web.cookies["mr_device"] == nil)
    }

    /// A stranger fails on the name from address after address; the admin's browser, known from an
    /// earlier login, gets in at once, while a browser without the cookie has to wait.
    @Test func theKnownBrowserPassesTheLockOnItsName() throws {
        let web = try WebHarness()
        web.logIn()
        let device = try #require(web.cookies["mr_device"])
        // The stranger's browser.
        web.cookies = [:]
        web.get("/login")
        for attempt in 0..<8 {
            web.remoteAddress = "203.0.113.\(attempt)"
            web.post("/login", [("name", "admin"), ("password", "guess-\(attempt)")])
        }
        #expect(web.post("/login", [("name", "admin"), ("password", "guess")]).status == 429)

        web.cookies = ["mr_device": device]
        web.remoteAddress = "198.51.100.20"
        web.get("/login")
        let admin = web.post("/login", [("name", "admin"), ("password", "correct horse battery")])
        #expect(admin.status == 303)

        web.cookies = [:]
        web.get("/login")
        #expect(web.post("/login", [("name", "admin"), ("password", "correct horse battery")]).status == 429)
    }

    @Test func theCookieOfAnotherNameOrAForgedOneDoesNotPassTheLock() throws {
        let web = try WebHarness()
        let signer = MessageSigner(key: web.key, purpose: DeviceCookie.purpose)
        web.get("/login")
        for attempt in 0..<8 {
            web.remoteAddress = "203.0.113.\(attempt)"
            web.post("/login", [("name", "admin"), ("password", "guess-\(attempt)")])
        }
        web.remoteAddress = "198.51.100.20"
        for cookie in [
            DeviceCookie(name: "someone", now: web.clock.now()).value(signer: signer),
            DeviceCookie(name: "admin", now: web.clock.now())
                .value(signer: MessageSigner(key: .random(), purpose: DeviceCookie.purpose)),
        ] {
            web.cookies["mr_device"] = cookie
            #expect(web.post("/login", [("name", "admin"), ("password", "correct horse battery")]).status == 429)
        }
    }

    /// Whoever holds a known browser's cookie is still slowed down on it.
    @Test func failuresWithTheCookieAreCountedOnTheCookie() throws {
        let web = try WebHarness()
        web.logIn()
        let device = try #require(web.cookies["mr_device"])
        web.cookies = ["mr_device": device]
        web.get("/login")
        for _ in 0..<LoginThrottle.freeFailures {
            #expect(web.post("/login", [("name", "admin"), ("password", "wrong")]).status == 401)
        }
        #expect(web.post("/login", [("name", "admin"), ("password", "correct horse battery")]).status == 429)
        web.cookies["mr_device"] = nil
        web.remoteAddress = "198.51.100.30"
        #expect(
            web.post("/login", [("name", "admin"), ("password", "correct horse battery")]).status == 303,
            "the name itself was not locked by the cookie's failures"
        )
    }
}
