import Foundation
import MailCore
import Testing

@testable import Storage

/// The profile form's two permissions («Разрешить пароль без шифрования», «Разрешить сервер во
/// внутренней сети») and its note that a changed server drops the stored password.
@Suite struct ProfileFormPageTests {
    @Test func bothPermissionsAreUntickedCheckboxesWithTheirHelp() throws {
        let web = try WebHarness()
        web.logIn()
        let page = web.get("/profiles/new").text
        for field in ["allow_plain_auth", "allow_private_host"] {
            let input = try #require(Self.input(field, in: page), "no checkbox \(field)")
            #expect(input.contains("type=\"checkbox\"") && input.contains("value=\"1\""))
            #expect(!input.contains("checked"), "\(field) is off by default")
        }
        #expect(page.contains("Разрешить пароль без шифрования"))
        #expect(page.contains("логин и пароль пойдут по сети открытым текстом"))
        #expect(page.contains("Разрешить сервер во внутренней сети"))
        #expect(page.contains("Без отметки робот к таким адресам не подключается."))
        #expect(page.contains("class=\"caution\""), "the clear-text permission stands out as a warning")

        web.get("/lang?to=en&back=/profiles/new")
        let english = web.get("/profiles/new").text
        #expect(english.contains("Allow the password without encryption"))
        #expect(english.contains("Allow a server on an internal network"))
        #expect(english.contains("the login and password cross the network in clear text"))
    }

    @Test func noEncryptionWithALoginIsRefusedAtTheFieldUntilTicked() throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/profiles/new")
        let fields = WebHarness.profileFields(name: "Открытый").map { $0.0 == "security" ? ("security", "none") : $0 }
        let refused = web.post("/profiles", fields)
        #expect(refused.status == 422)
        let page = refused.text
        let message = try #require(page.range(of: "<p class=\"field-error\" id=\"e-security\">"))
        #expect(page[message.upperBound...].hasPrefix("Без шифрования логин и пароль уйдут открытым текстом."))
        #expect(try ProfileStore(web.db).count() == 0)
        #expect(Self.input("allow_plain_auth", in: page)?.contains("checked") == false)

        let allowed = web.post("/profiles", fields + [("allow_plain_auth", "1"), ("allow_private_host", "1")])
        #expect(allowed.status == 303)
        let stored = try #require(try ProfileStore(web.db).find(name: "Открытый"))
        #expect(stored.allowPlainAuth && stored.allowPrivateHost)
        let edit = web.get("/profiles/\(stored.id)/edit").text
        #expect(Self.input("allow_plain_auth", in: edit)?.contains(" checked") == true)
        #expect(Self.input("allow_private_host", in: edit)?.contains(" checked") == true)
    }

    @Test func untickingOnEditTakesThePermissionAway() throws {
        let web = try WebHarness()
        web.logIn()
        let id = try web.createProfile("Свой", extra: [("allow_private_host", "1")])
        #expect(try ProfileStore(web.db).find(id: id)?.allowPrivateHost == true)
        web.get("/profiles/\(id)/edit")
        let fields = WebHarness.profileFields(name: "Свой").filter { $0.0 != "password" }
        #expect(web.post("/profiles/\(id)", fields).status == 303)
        #expect(try ProfileStore(web.db).find(id: id)?.allowPrivateHost == false)
    }

    @Test func aPresetTakesThePlainPasswordPermissionAway() throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/profiles/new")
        let fields = WebHarness.profileFields(name: "Яндекс") + [("allow_plain_auth", "1"), ("preset", "yandex")]
        let page = web.post("/profiles", fields + [("apply_preset", "1")]).text
        #expect(Self.input("allow_plain_auth", in: page)?.contains("checked") == false)
    }

    @Test func theEditFormSaysAChangedServerDropsThePassword() throws {
        let web = try WebHarness()
        web.logIn()
        #expect(!web.get("/profiles/new").text.contains("id=\"password-drop-hint\""), "nothing stored to drop")
        let id = try web.createProfile("Магазин")
        let page = web.get("/profiles/\(id)/edit").text
        let hint = try #require(page.range(of: "id=\"password-drop-hint\">"))
        #expect(
            page[hint.upperBound...].hasPrefix(
                "Если изменить сервер, порт, SSL или логин и не ввести пароль, сохранённый пароль будет удалён"
            )
        )
        let password = try #require(page.range(of: "name=\"password\""))
        #expect(password.upperBound < hint.lowerBound, "the note follows the password field")
    }

    /// The `<input …>` tag of `name`.
    static func input(_ name: String, in page: String) -> String? {
        guard let start = page.range(of: "<input type=\"checkbox\" id=\"f-\(name)\"") else { return nil }
        return String(page[start.lowerBound...].prefix { $0 != ">" })
    }
}
