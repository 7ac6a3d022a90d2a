import Testing

@testable import Web

/// What login attempts are counted against.
@Suite struct LoginThrottleTests {
    @Test(arguments: [
        ("192.0.2.7", "192.0.2.7"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2:ffff::9", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("::1", "::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("unix:", "unix:"),
        ("", ""),
    ])
    func anIPv6ClientIsItsSlash64(address: String, client: String) {
        #expect(LoginThrottle.client(address) == client)
    }

    @Test func subjectsNameTheClientNotTheAddress() {
        let keys = LoginThrottle.subjects(name: "Admin", address: "2001:db8:1:2::77").map(\.key)
        #expect(keys == ["addr:2001:db8:1:2::/64", "pair:admin|2001:db8:1:2::/64", "name:admin"])
    }

    @Test func aKnownBrowserIsCountedOnItsCookieAlone() {
        let subjects = LoginThrottle.subjects(name: "admin", address: "192.0.2.7", device: "nonce")
        #expect(subjects.map(\.key) == ["device:nonce"])
    }

    /// Rotating through one /64 does not reset the address's count.
    @Test func rotatingAddressesInsideA64IsOneClient() throws {
        let web = try WebHarness()
        web.get("/login")
        for attempt in 0..<LoginThrottle.freeFailures {
            web.remoteAddress = "2001:db8:77:1::\(attempt + 1)"
            #expect(web.post("/login", [("name", "user\(attempt)"), ("password", "bad")]).status == 401)
        }
        web.remoteAddress = "2001:db8:77:1:ffff:ffff:ffff:fffe"
        #expect(web.post("/login", [("name", "someone-else"), ("password", "bad")]).status == 429)
        web.remoteAddress = "2001:db8:77:2::1"
        #expect(web.post("/login", [("name", "someone-else"), ("password", "bad")]).status == 401, "another /64")
    }
}
