import Foundation
import Storage
import Testing

/// «Настройки»: the shop's time zone.
@Suite struct SettingsPageTests {
    @Test func moscowUntilChosenThenEveryPageFollows() throws {
        let web = try WebHarness()
        web.logIn()
        let page = web.get("/settings").text
        #expect(page.contains("<option value=\"Europe/Moscow\" selected>"))
        #expect(page.contains("01.12.2026 12:00"), "09:00 UTC is noon in Moscow")
        #expect(web.post("/settings", [("timezone", "Asia/Vladivostok")]).status == 303)
        #expect(try SettingsStore(web.db).timeZone().identifier == "Asia/Vladivostok")
        #expect(web.get("/settings?done=saved").text.contains("01.12.2026 19:00"))
    }

    @Test(arguments: ["Mars/Olympus", "", "Europe/Moscow\r\nX", "../../etc/passwd"])
    func anUnknownZoneIsRefusedAtTheField(zone: String) throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/settings")
        let response = web.post("/settings", [("timezone", zone)])
        #expect(response.status == 422)
        #expect(response.text.contains("id=\"e-timezone\""))
        #expect(try SettingsStore(web.db).value("timezone") == nil)
    }

    @Test func changingItNeedsTheCSRFToken() throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/settings")
        #expect(web.post("/settings", [("timezone", "Asia/Tokyo")], csrf: "forged").status == 403)
        #expect(try SettingsStore(web.db).value("timezone") == nil)
    }
}
