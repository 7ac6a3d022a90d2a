import Foundation
import Testing

@testable import Web

/// The message a redirect carries in its cookie: read back as it was written, safe as a cookie
/// value, and shown once whichever page the redirect leads to.
@Suite struct FlashTests {
    static let every: [Flash] = [
        .profileCreated(id: 7, name: "Магазин; <Mail.ru> \"1\""), .profileSaved(name: "a.b.c"),
        .profileDeleted(name: "Запас"), .profileMadeDefault(name: "Gmail"), .eventCreated(name: "Отзыв, 100%"),
        .eventSaved(name: "Заказ оформлен"), .tokenRevoked(name: "crm backend"), .settingsSaved,
        .letterRetried, .letterCancelled, .lettersRequeued(count: 12),
    ]

    @Test(arguments: every)
    func aMessageIsReadBackFromItsCookie(_ flash: Flash) {
        #expect(Flash(cookie: flash.cookieValue) == flash)
    }

    @Test(arguments: every)
    func theCookieValueHoldsNothingACookieCannot(_ flash: Flash) {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~%"))
        #expect(flash.cookieValue.unicodeScalars.allSatisfy { $0.isASCII && allowed.contains($0) })
    }

    @Test func aLongNameIsCutToKeepTheCookieSmall() throws {
        let flash = Flash.eventSaved(name: String(repeating: "😀", count: 1000))
        #expect(flash.cookieValue.utf8.count < 4000)
        #expect(Flash(cookie: flash.cookieValue) == .eventSaved(name: String(repeating: "😀", count: 200)))
    }

    @Test(arguments: ["", "saved", "saved.x.a", "nonsense.0.a", "saved.1.%ZZ", "event_saved..a"])
    func aValueNotOfOursIsNoMessage(_ cookie: String) {
        #expect(Flash(cookie: cookie) == nil)
    }

    @Test func theMessageShowsOnTheNextPageWhicheverItIs() throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/settings")
        #expect(web.post("/settings", [("timezone", "Europe/Moscow")]).status == 303)
        #expect(web.cookies["mr_flash"] != nil)
        #expect(web.get("/journal").text.contains("Настройки сохранены."))
        #expect(web.cookies["mr_flash"] == nil)
        #expect(!web.get("/settings").text.contains("Настройки сохранены."))
    }

    @Test func aPageWithItsOwnMessageLeavesTheCookieForTheNext() throws {
        let web = try WebHarness()
        web.logIn()
        try ShippedEventsInstaller.install(from: WebHarness.templates, into: web.db, now: web.clock.now())
        web.get("/events/order_placed")
        web.cookies["mr_flash"] = Flash.settingsSaved.cookieValue
        let preview = web.post(
            "/events/order_placed",
            [("name", "Заказ"), ("subject", "Тема"), ("html", "<p>x</p>"), ("sample", "{}"), ("preview", "1")]
        )
        #expect(preview.text.contains("Предпросмотр: изменения ещё не сохранены."))
        #expect(!preview.text.contains("Настройки сохранены."))
        #expect(web.get("/settings").text.contains("Настройки сохранены."))
    }

    @Test func noMessageBeforeLogin() throws {
        let web = try WebHarness()
        web.cookies["mr_flash"] = Flash.settingsSaved.cookieValue
        #expect(!web.get("/login").text.contains("Настройки сохранены."))
    }
}
