import Foundation
import MailCore
import MailTestSupport
import Testing

@testable import Storage

/// «Резервный профиль» on the profile form and the delete page.
extension ProfilePagesTests {
    @Test func theFormOffersEveryOtherProfileButNoneThatLoops() throws {
        let web = try WebHarness()
        web.logIn()
        let shop = try web.createProfile("Магазин")
        let spare = try web.createProfile("Запасной", extra: [("reserve_profile", String(shop))])
        #expect(try ProfileStore(web.db).find(id: spare)?.reserveID == shop)
        let form = web.get("/profiles/\(shop)/edit").text
        #expect(form.contains("<select id=\"f-reserve_profile\" name=\"reserve_profile\""))
        #expect(form.contains("<option value=\"\" selected>нет</option>"))
        #expect(!form.contains("<option value=\"\(spare)\""), "«Запасной» → «Магазин»: choosing it would loop")
        #expect(!form.contains("<option value=\"\(shop)\""), "never itself")
        #expect(form.contains("пока он не может отправлять"))
        let spareForm = web.get("/profiles/\(spare)/edit").text
        #expect(spareForm.contains("<option value=\"\(shop)\" selected>Магазин</option>"))
    }

    @Test func aLoopOrItselfPostedAnywayIsRefusedAtTheField() throws {
        let web = try WebHarness()
        web.logIn()
        let shop = try web.createProfile("Магазин")
        let spare = try web.createProfile("Запасной", extra: [("reserve_profile", String(shop))])
        web.get("/profiles/\(shop)/edit")
        for (value, message) in [
            (String(spare), "получится круг"), (String(shop), "не может быть резервным сам для себя"),
            ("999", "Такого профиля нет"), ("x'; DROP TABLE profiles; --", "Такого профиля нет"),
        ] {
            let response = web.post(
                "/profiles/\(shop)",
                WebHarness.profileFields(name: "Магазин").filter { $0.0 != "password" } + [("reserve_profile", value)]
            )
            #expect(response.status == 422, "\(value)")
            #expect(response.text.contains("id=\"e-reserve_profile\""))
            #expect(response.text.contains(message), "\(value)")
        }
        #expect(try ProfileStore(web.db).find(id: shop)?.reserveID == nil)
    }

    @Test func deletingAReserveSaysWhoLosesItAndClearsTheLink() throws {
        let web = try WebHarness()
        web.logIn()
        try web.createProfile("Главный")
        let spare = try web.createProfile("Запасной")
        let shop = try web.createProfile("Магазин", extra: [("reserve_profile", String(spare))])
        let page = web.get("/profiles/\(spare)/delete").text
        #expect(
            page.contains("Этот профиль — резервный для: «Магазин». После удаления у них не будет резервного профиля.")
        )
        #expect(web.post("/profiles/\(spare)/delete", []).status == .seeOther)
        #expect(try ProfileStore(web.db).find(id: shop)?.reserveID == nil)
        #expect(!web.get("/profiles/\(shop)/delete").text.contains("id=\"reserve-of\""))
    }

    @Test func theEnglishDeletePageQuotesNamesTheEnglishWay() throws {
        let web = try WebHarness()
        web.logIn()
        try web.createProfile("Main")
        let spare = try web.createProfile("Spare")
        try web.createProfile("Shop", extra: [("reserve_profile", String(spare))])
        try web.createProfile("Sale", extra: [("reserve_profile", String(spare))])
        web.get("/lang?to=en")
        let page = web.get("/profiles/\(spare)/delete").text
        #expect(page.contains("<p class=\"profile-name\">“Spare”</p>"))
        #expect(page.contains("This profile is the reserve of: “Sale”, “Shop”."))
        #expect(!page.contains("«") && !page.contains("»"))
        web.get("/lang?to=ru")
        #expect(web.get("/profiles/\(spare)/delete").text.contains("<p class=\"profile-name\">«Spare»</p>"))
    }
}
