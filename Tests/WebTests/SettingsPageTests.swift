import Foundation
import MailCore
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
        let saved = web.get("/settings").text
        #expect(saved.contains("01.12.2026 19:00"))
        #expect(saved.contains("Настройки сохранены."))
        #expect(!web.get("/settings").text.contains("Настройки сохранены."), "a reload does not repeat it")
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

/// «Настройки»: who is told about failures (issue 13).
@Suite struct AlertSettingsPageTests {
    @Test func addressesWebhookAndHoursAreSavedAndTheWebhookIsNeverShownBack() throws {
        let web = try WebHarness()
        web.logIn()
        let empty = web.get("/settings").text
        #expect(empty.contains("id=\"f-alert_recipients\"") && empty.contains("value=\"6\""))
        let saved = web.post(
            "/settings",
            [
                ("timezone", "Europe/Moscow"), ("alert_recipients", "admin@shop.ru;  boss@shop.ru"),
                ("alert_webhook", "https://api.telegram.org/bot123:SECRET/sendMessage?chat_id=7"), ("alert_hours", "4"),
            ]
        )
        #expect(saved.status == 303)
        let stored = try AlertStore(web.db).settings()
        #expect(stored.recipientsText == "admin@shop.ru, boss@shop.ru" && stored.hours == 4)
        #expect(stored.webhook?.text == "https://api.telegram.org/bot123:SECRET/sendMessage?chat_id=7")
        let page = web.get("/settings").text
        #expect(page.contains("admin@shop.ru, boss@shop.ru"))
        #expect(page.contains("https://api.telegram.org/…") && !page.contains("SECRET"))
        // An empty webhook field keeps the stored one; the checkbox removes it.
        #expect(
            web.post("/settings", [("timezone", "Europe/Moscow"), ("alert_recipients", ""), ("alert_hours", "6")])
                .status == 303
        )
        #expect(try AlertStore(web.db).settings().webhook != nil)
        web.get("/settings")
        let cleared = web.post(
            "/settings",
            [("timezone", "Europe/Moscow"), ("alert_hours", "6"), ("alert_webhook_clear", "1")]
        )
        #expect(cleared.status == 303)
        #expect(try AlertStore(web.db).settings() == AlertSettings())
    }

    @Test(arguments: [
        ("alert_recipients", "admin@shop.ru, admin.shop.ru", "e-alert_recipients"),
        ("alert_webhook", "ftp://hooks.example.com/", "e-alert_webhook"),
        ("alert_webhook", "https://hooks.example.com/\r\nX", "e-alert_webhook"),
        ("alert_hours", "0", "e-alert_hours"),
        ("alert_hours", "25", "e-alert_hours"),
        ("alert_hours", "шесть", "e-alert_hours"),
    ])
    func aBadValueIsRefusedAtItsFieldAndNothingIsStored(field: String, value: String, errorID: String) throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/settings")
        let fields = [("timezone", "Asia/Tokyo"), ("alert_recipients", ""), ("alert_hours", "6")].filter {
            $0.0 != field
        }
        let response = web.post("/settings", fields + [(field, value)])
        #expect(response.status == 422)
        #expect(response.text.contains("id=\"\(errorID)\""))
        #expect(try SettingsStore(web.db).value("timezone") == nil, "nothing saved, the zone neither")
        #expect(try AlertStore(web.db).settings() == AlertSettings())
    }

    @Test func theBannerNamesFailingProfilesOnEveryPageUntilTheyRecover() throws {
        let web = try WebHarness()
        web.logIn()
        let shop = try web.createProfile("Магазин")
        try web.createProfile("Запасной")
        #expect(!web.get("/profiles").text.contains("id=\"failing-banner\""))
        try ProfileStore(web.db).markBroken(id: shop, reply: "535 5.7.8 no", now: web.clock.now())
        for path in ["/profiles", "/journal", "/events", "/tokens", "/settings"] {
            let page = web.get(path).text
            #expect(page.contains("id=\"failing-banner\""), "\(path)")
            #expect(page.contains("<b>Магазин</b> — ошибка входа") && !page.contains("<b>Запасной</b>"), "\(path)")
        }
        try ProfileStore(web.db).clearBroken(id: shop)
        #expect(!web.get("/journal").text.contains("id=\"failing-banner\""))
    }
}
