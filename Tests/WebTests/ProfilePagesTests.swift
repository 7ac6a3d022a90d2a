import Foundation
import MailCore
import MailTestSupport
import Secrets
import Testing

@testable import Storage

/// «Профили email» pages through `AdminApp.handle`.
@Suite struct ProfilePagesTests {
    @Test func listShowsTheSeedsLabelsAndActions() throws {
        let web = try WebHarness()
        web.logIn()
        try web.createProfile("Магазин")
        let page = web.get("/profiles").text
        for label in [
            "Профили email", "Создать", "Редактировать", "Удалить запись", "Проверка профиля",
            "Выгрузка в Microsoft Excel", "Название", "SMTP-сервер", "Порт", "SSL", "Имя отправителя", "Логин",
            "По умолчанию", "Макс. в сутки", "Интервал (мин)", "За раз", "Приоритетных в сутки",
            "Отправлено за 24 ч", "smtp.example.com", "0 / 100",
        ] {
            #expect(page.contains(label), "missing \(label)")
        }
    }

    @Test func formHasEveryFieldWithHelpAndTheParametersTab() throws {
        let web = try WebHarness()
        web.logIn()
        let page = web.get("/profiles/new").text
        for field in ProfileField.allCases {
            #expect(page.contains("name=\"\(field.rawValue)\""), "no input \(field)")
            #expect(page.contains("id=\"h-\(field.rawValue)\""), "no help for \(field)")
        }
        #expect(page.contains("Параметры"))
        for label in [
            "Максимальное кол-во отправок сообщений в сутки", "Интервал отправки (мин)",
            "Кол-во одновременно отправляемых сообщений за раз", "Кол-во приоритетных сообщений в сутки",
        ] {
            #expect(page.contains(label), "missing \(label)")
        }
        #expect(page.contains("name=\"is_default\""))
        for preset in ["Mail.ru", "Яндекс", "Gmail", "reg.ru", "Beget", "Timeweb"] { #expect(page.contains(preset)) }
    }

    @Test func validationMessagesAppearNextToFieldsAndKeepWhatWasTyped() throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/profiles/new")
        var fields = WebHarness.profileFields(name: "Мой <профиль>")
        fields = fields.map {
            $0.0 == "port" ? ("port", "70000") : $0.0 == "priority_per_day" ? ("priority_per_day", "500") : $0
        }
        let response = web.post("/profiles", fields)
        #expect(response.status == 422)
        let page = response.text
        #expect(page.contains("id=\"e-port\""))
        #expect(page.contains("Порт — целое число от 1 до 65535."))
        #expect(page.contains("id=\"e-priority_per_day\""))
        #expect(page.contains("value=\"Мой &lt;профиль&gt;\""), "typed name kept and escaped")
        #expect(page.contains("value=\"70000\""))
        #expect(!page.contains("s3cret-app-pass"), "the password is never sent back")
        #expect(try ProfileStore(web.db).count() == 0)
    }

    @Test func lineBreakInAHeaderFieldIsRefusedAtTheField() throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/profiles/new")
        let fields = WebHarness.profileFields(name: "X").map {
            $0.0 == "sender_name" ? ("sender_name", "Shop\r\nBcc: all@evil.example") : $0
        }
        let response = web.post("/profiles", fields)
        #expect(response.status == 422)
        #expect(response.text.contains("id=\"e-sender_name\""))
    }

    @Test func duplicateNameIsExplainedAtTheNameField() throws {
        let web = try WebHarness()
        web.logIn()
        try web.createProfile("Магазин")
        web.get("/profiles/new")
        let response = web.post("/profiles", WebHarness.profileFields(name: "Магазин"))
        #expect(response.status == 422)
        #expect(response.text.contains("Название уже занято."))
        #expect(response.text.contains("id=\"e-name\""))
    }

    @Test func passwordIsSealedForItsProfileAndNeverShown() throws {
        let web = try WebHarness()
        web.logIn()
        let id = try web.createProfile("Магазин")
        let sealed = try #require(try ProfileStore(web.db).sealedPassword(id: id))
        let profile = try #require(try ProfileStore(web.db).find(id: id))
        let binding = PasswordBinding(profileID: id, host: profile.host, port: profile.port, login: profile.login)
        #expect(try PasswordSealer(key: web.key).open(sealed, for: binding).password == "s3cret-app-pass")
        #expect(!String(decoding: sealed, as: UTF8.self).contains("s3cret"))
        let edit = web.get("/profiles/\(id)/edit").text
        #expect(!edit.contains("s3cret-app-pass"))
        #expect(edit.contains("name=\"password\" type=\"password\" value=\"\""))
    }

    @Test func editWithEmptyPasswordKeepsIt() throws {
        let web = try WebHarness()
        web.logIn()
        let id = try web.createProfile("Магазин")
        web.get("/profiles/\(id)/edit")
        let fields = WebHarness.profileFields(name: "Магазин").map {
            $0.0 == "password" ? ("password", "") : $0.0 == "max_per_day" ? ("max_per_day", "300") : $0
        }
        #expect(web.post("/profiles/\(id)", fields).status == 303)
        let sealed = try #require(try ProfileStore(web.db).sealedPassword(id: id))
        let profile = try #require(try ProfileStore(web.db).find(id: id))
        let binding = PasswordBinding(profileID: id, host: profile.host, port: profile.port, login: profile.login)
        #expect(try PasswordSealer(key: web.key).open(sealed, for: binding).password == "s3cret-app-pass")
        #expect(try ProfileStore(web.db).find(id: id)?.limits.maxPerDay == 300)
    }

    @Test func presetFillsServerPortAndSSLWithoutJavaScript() throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/profiles/new")
        let response = web.post("/profiles", [("preset", "yandex"), ("apply_preset", "1"), ("name", "Я")])
        #expect(response.status == 200)
        let page = response.text
        #expect(page.contains("value=\"smtp.yandex.ru\""))
        #expect(page.contains("value=\"465\""))
        #expect(page.contains("<option value=\"ssl\" data-port=\"465\" selected>"))
        #expect(page.contains("пароль приложения") || page.contains("Пароли приложений"))
        #expect(try ProfileStore(web.db).count() == 0)
    }

    @Test func defaultMovesAndOnlyOneStays() throws {
        let web = try WebHarness()
        web.logIn()
        let first = try web.createProfile("Первый")
        let second = try web.createProfile("Второй", extra: [("is_default", "1")])
        let store = ProfileStore(web.db)
        #expect(try store.defaultProfile()?.id == second)
        web.get("/profiles")
        #expect(web.post("/profiles/\(first)/default", []).status == 303)
        #expect(try store.defaultProfile()?.id == first)
        #expect(try web.db.integer("SELECT count(*) FROM profiles WHERE is_default = 1") == 1)
    }

    @Test func deleteAsksFirstAndRefusesTheLastAndTheDefault() throws {
        let web = try WebHarness()
        web.logIn()
        let only = try web.createProfile("Единственный")
        let confirm = web.get("/profiles/\(only)/delete").text
        #expect(confirm.contains("единственный профиль"))
        #expect(web.post("/profiles/\(only)/delete", []).status == 200)
        #expect(try ProfileStore(web.db).count() == 1)

        let other = try web.createProfile("Другой")
        let defaultPage = web.get("/profiles/\(only)/delete").text
        #expect(defaultPage.contains("профиль по умолчанию"))
        web.post("/profiles/\(only)/delete", [])
        #expect(try ProfileStore(web.db).count() == 2)

        let ask = web.get("/profiles/\(other)/delete").text
        #expect(ask.contains("Удалить этот профиль?"))
        #expect(try ProfileStore(web.db).count() == 2, "opening the confirmation deletes nothing")
        #expect(web.post("/profiles/\(other)/delete", []).status == 303)
        #expect(try ProfileStore(web.db).all().map(\.name) == ["Единственный"])
    }

    @Test func deleteSpeaksOfQueuedLettersOnlyWhenThereAreSome() throws {
        let web = try WebHarness()
        web.logIn()
        try web.createProfile("Главный")
        let other = try web.createProfile("Другой")
        #expect(!web.get("/profiles/\(other)/delete").text.contains("Писем в очереди"), "never «Писем в очереди: 0»")
        try web.addLetter(1, profile: other)
        #expect(web.get("/profiles/\(other)/delete").text.contains("Писем в очереди: 1."))
    }

    @Test func englishIsSelectable() throws {
        let web = try WebHarness()
        web.logIn()
        let response = web.get("/lang?to=en&back=%2Fprofiles")
        #expect(response.status == 303)
        #expect(response.header("Location") == "/profiles")
        let page = web.get("/profiles").text
        #expect(page.contains("E-mail profiles"))
        #expect(page.contains("<html lang=\"en\">"))
    }

    @Test func catalogsHaveTheSameKeys() throws {
        let directory = WebHarness.templates + "/i18n"
        func keys(_ language: String) throws -> Set<String> {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(language).json"))
            return Set(try JSONDecoder().decode([String: String].self, from: data).keys)
        }
        #expect(try keys("ru") == keys("en"))
    }

    @Test func pagesUseNoUnescapedTripleMustache() throws {
        let pages = WebHarness.templates + "/pages"
        for file in try FileManager.default.contentsOfDirectory(atPath: pages) {
            let text = try String(contentsOfFile: "\(pages)/\(file)", encoding: .utf8)
            #expect(!text.contains("{{{"), "\(file) uses {{{")
            #expect(!text.contains("{{&"), "\(file) uses {{&")
        }
    }
}
