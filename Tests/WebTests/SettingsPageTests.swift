import Foundation
import Storage
import Testing

@testable import Web

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

    @Test func russianZonesComeFirstInRussianWithTheirOffsets() throws {
        let web = try WebHarness()
        web.logIn()
        let page = web.get("/settings").text
        let russia = try #require(page.range(of: "<optgroup label=\"Россия\">"))
        let others = try #require(page.range(of: "<optgroup label=\"Другие страны\">"))
        #expect(russia.lowerBound < others.lowerBound)
        let first = ["Калининград, UTC+2", "Москва, UTC+3", "Самара, UTC+4", "Екатеринбург, UTC+5", "Омск, UTC+6"]
        let last = ["Владивосток, UTC+10", "Магадан, UTC+11", "Камчатка, UTC+12"]
        var previous = russia.upperBound
        for label in first + last {
            let found = try #require(page.range(of: ">\(label)</option>"), "missing \(label)")
            #expect(found.lowerBound > previous && found.upperBound < others.lowerBound, "\(label) out of order")
            previous = found.lowerBound
        }
        #expect(page.contains("<option value=\"Europe/Moscow\" selected>Москва, UTC+3</option>"))
        #expect(page.contains("value=\"Europe/Kyiv\""))
        #expect(!page.contains("value=\"Europe/Kiev\""), "an old alias is not offered twice")
        #expect(!page.contains("value=\"Asia/Calcutta\""))
        web.get("/lang?to=en&back=%2Fsettings")
        let english = web.get("/settings").text
        #expect(english.contains("<option value=\"Europe/Moscow\" selected>Moscow, UTC+3</option>"))
        #expect(english.contains(">Kamchatka, UTC+12</option>"))
    }

    @Test func aStoredAliasStaysSelectable() throws {
        let web = try WebHarness()
        web.logIn()
        #expect(try SettingsStore(web.db).setTimeZone("Europe/Kiev"))
        #expect(web.get("/settings").text.contains("<option value=\"Europe/Kiev\" selected>"))
    }

    @Test func offsetsAndLinks() {
        #expect(TimeZoneChoices.offset(3 * 3600) == "UTC+3")
        #expect(TimeZoneChoices.offset(-(3 * 3600 + 1800)) == "UTC−3:30")
        #expect(TimeZoneChoices.offset(0) == "UTC")
        let links = TimeZoneChoices.links(
            tzdata: "Z Europe/Kyiv 2:2:4 -\nL Europe/Kyiv Europe/Kiev\nL Asia/Kolkata Asia/Calcutta\n"
        )
        #expect(links == ["Europe/Kiev", "Asia/Calcutta"])
    }
}
