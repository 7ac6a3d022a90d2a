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
        try web.createProfile("Запасной")
        let page = web.get("/profiles").text
        for label in [
            "Профили email", "Создать", "Редактировать", "Удалить запись", "Проверка профиля",
            "Выгрузка в Microsoft Excel", "Название", "Состояние", "Сервер", "Отправитель", "Отправлено за 24 ч",
            "smtp.example.com:465 · SSL/TLS", "Магазин &lt;shop@example.com&gt;", "0 / 100",
        ] {
            #expect(page.contains(label), "missing \(label)")
        }
        for limit in ["Макс. в сутки", "Интервал (мин)", "За раз", "Приоритетных в сутки"] {
            #expect(!page.contains(limit), "\(limit) belongs to the edit page and the export")
        }
    }

    @Test func aRefusedLoginsTooltipIsTheServersReplyWithoutTheStepName() throws {
        let web = try WebHarness()
        web.logIn()
        let id = try web.createProfile("Магазин")
        let reply = SMTPReply(code: 535, enhancedCode: "5.7.8", text: "Authentication credentials invalid")
        // As the sender records it: the failure's description, «auth: 535 …».
        let recorded = SMTPFailure.auth(reply: reply).description
        try ProfileStore(web.db).markBroken(id: id, reply: recorded, now: web.clock.now())
        let page = web.get("/profiles").text
        #expect(page.contains("title=\"535 5.7.8 Authentication credentials invalid\">Ошибка входа</span>"))
        #expect(!page.contains("auth: 535"), "the program's step name is not the server's words")
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

    @Test func aFailedSaveKeepsThePasswordSealedForTheNextSubmit() throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/profiles/new")
        let typed = WebHarness.profileFields(name: "Магазин").map {
            $0.0 == "priority_per_day" ? ("priority_per_day", "500") : $0
        }
        let failed = web.post("/profiles", typed).text
        #expect(!failed.contains("s3cret-app-pass"))
        #expect(failed.contains("Пароль, введённый раньше, запомнен"))
        #expect(
            !failed.contains("<label for=\"f-password\">Пароль <span class=\"required\""),
            "a kept password need not be typed again: the field is not marked required"
        )
        let kept = try #require(Self.hiddenValue("password_kept", in: failed))
        let fixed = typed.map {
            $0.0 == "priority_per_day" ? ("priority_per_day", "10") : $0.0 == "password" ? ("password", "") : $0
        }
        #expect(web.post("/profiles", fixed + [("password_kept", kept)]).status == 303)
        let profile = try #require(try ProfileStore(web.db).find(name: "Магазин"))
        let sealed = try #require(try ProfileStore(web.db).sealedPassword(id: profile.id))
        let binding = PasswordBinding(
            profileID: profile.id,
            host: profile.host,
            port: profile.port,
            login: profile.login
        )
        #expect(try PasswordSealer(key: web.key).open(sealed, for: binding).password == "s3cret-app-pass")
    }

    @Test func aKeptPasswordOpensOnlyInItsSession() throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/profiles/new")
        let typed = WebHarness.profileFields(name: "Магазин").map { $0.0 == "port" ? ("port", "0") : $0 }
        let kept = try #require(Self.hiddenValue("password_kept", in: web.post("/profiles", typed).text))
        web.post("/logout", [])
        web.logIn()
        web.get("/profiles/new")
        let again = WebHarness.profileFields(name: "Магазин").map { $0.0 == "password" ? ("password", "") : $0 }
        let response = web.post("/profiles", again + [("password_kept", kept)])
        #expect(response.status == 422)
        #expect(response.text.contains("id=\"e-password\""), "another session's seal does not open")
    }

    @Test func theSummaryListsTheFailingFieldsAndTheTabsCountThem() throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/profiles/new")
        let fields = WebHarness.profileFields(name: "Магазин").map {
            switch $0.0 {
            case "port": ("port", "70000")
            case "host": ("host", "")
            case "batch_size": ("batch_size", "0")
            default: $0
            }
        }
        let page = web.post("/profiles", fields).text
        #expect(page.contains("Профиль не сохранён. Исправьте поля:"))
        #expect(page.contains("<li><a href=\"#f-host\">SMTP-сервер</a>: Заполните это поле.</li>"))
        #expect(page.contains("<li><a href=\"#f-port\">Порт</a>: Порт — целое число от 1 до 65535.</li>"))
        #expect(page.contains("<a href=\"#f-batch_size\">"))
        #expect(page.contains("Основные <span class=\"tab-errors\">●2</span>"))
        #expect(page.contains("Параметры <span class=\"tab-errors\">●1</span>"))
    }

    @Test func requiredFieldsAreMarked() throws {
        let web = try WebHarness()
        web.logIn()
        let new = web.get("/profiles/new").text
        for field in ["name", "host", "login", "password", "max_per_day", "batch_size"] {
            #expect(new.contains("id=\"f-\(field)\" name=\"\(field)\""))
            let input = try #require(new.components(separatedBy: "id=\"f-\(field)\"").dropFirst().first)
            #expect(input.prefix { $0 != ">" }.contains("aria-required=\"true\""), "\(field) not marked")
        }
        let port = try #require(new.components(separatedBy: "id=\"f-port\"").dropFirst().first)
        #expect(!port.prefix { $0 != ">" }.contains("aria-required"))
        let id = try web.createProfile("Магазин")
        let edit = web.get("/profiles/\(id)/edit").text
        let password = try #require(edit.components(separatedBy: "id=\"f-password\"").dropFirst().first)
        #expect(!password.prefix { $0 != ">" }.contains("aria-required"), "empty keeps the stored one")
    }

    @Test(arguments: [("0", "При 0 приоритетные письма"), ("100", "Это весь суточный максимум")])
    func aPriorityShareThatStopsLettersWarnsBeforeSaving(_ share: String, _ words: String) throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/profiles/new")
        let fields = WebHarness.profileFields(name: "Магазин").map {
            $0.0 == "priority_per_day" ? ("priority_per_day", share) : $0
        }
        let warned = web.post("/profiles", fields)
        #expect(warned.status == 200)
        #expect(warned.text.contains("id=\"w-priority_per_day\">\(words)"))
        #expect(warned.text.contains("id=\"limits-notice\""))
        #expect(try ProfileStore(web.db).count() == 0, "nothing saved before the admin confirms")
        let confirmation = try #require(Self.hiddenValue("limits_confirmed", in: warned.text))
        let kept = try #require(Self.hiddenValue("password_kept", in: warned.text))
        let again = fields.map { $0.0 == "password" ? ("password", "") : $0 }
        let saved = web.post("/profiles", again + [("limits_confirmed", confirmation), ("password_kept", kept)])
        #expect(saved.status == 303)
        #expect(try ProfileStore(web.db).find(name: "Магазин")?.limits.priorityPerDay == Int(share))
        let edit = web.get("/profiles/\(try ProfileStore(web.db).find(name: "Магазин")!.id)/edit").text
        #expect(edit.contains("id=\"w-priority_per_day\">\(words)"), "the edit page keeps warning")
    }

    @Test func aConfirmationOfOtherNumbersWarnsAgain() throws {
        let web = try WebHarness()
        web.logIn()
        web.get("/profiles/new")
        let fields = WebHarness.profileFields(name: "Магазин").map {
            $0.0 == "priority_per_day" ? ("priority_per_day", "0") : $0
        }
        let response = web.post("/profiles", fields + [("limits_confirmed", "0/50")])
        #expect(response.status == 200)
        #expect(try ProfileStore(web.db).count() == 0)
    }

    @Test func successSaysTheProfilesNameOnceAndOffersTheCheck() throws {
        let web = try WebHarness()
        web.logIn()
        let id = try web.createProfile("Магазин <Mail.ru>")
        let first = web.get("/profiles").text
        #expect(first.contains("Профиль «Магазин &lt;Mail.ru&gt;» создан."))
        #expect(first.contains("<a class=\"button\" href=\"/profiles/\(id)/check\">Проверить профиль</a>"))
        let reload = web.get("/profiles").text
        #expect(!reload.contains("создан."), "a reload does not repeat the message")
        web.get("/profiles/\(id)/edit")
        #expect(web.post("/profiles/\(id)", WebHarness.profileFields(name: "Магазин 2")).status == 303)
        let saved = web.get("/profiles").text
        #expect(saved.contains("Профиль «Магазин 2» сохранён."))
        #expect(!saved.contains("Проверить профиль</a>"))
    }

    @Test func aForgedFlashCookieShowsNothingOfItsOwn() throws {
        let web = try WebHarness()
        web.logIn()
        try web.createProfile("Магазин")
        web.get("/profiles")
        web.cookies["mr_flash"] = "evil.1.%3Cscript%3E"
        let page = web.get("/profiles").text
        #expect(!page.contains("<script>"))
        #expect(!page.contains("class=\"flash\""))
        #expect(web.cookies["mr_flash"] == nil, "the cookie is removed all the same")
    }

    @Test func theEditPageIsTitledWithTheProfilesName() throws {
        let web = try WebHarness()
        web.logIn()
        let id = try web.createProfile("Магазин — Mail.ru")
        let page = web.get("/profiles/\(id)/edit").text
        #expect(page.contains("<h1>Профиль «Магазин — Mail.ru»</h1>"))
        #expect(page.contains("<title>Профиль «Магазин — Mail.ru» · mailrobot</title>"))
    }

    @Test func theFormAdvisesTheShopsOwnDomainAndTheHostsSettingsPage() throws {
        let web = try WebHarness()
        web.logIn()
        let page = web.get("/profiles/new").text
        #expect(page.contains("ящика на домене магазина"))
        #expect(page.contains("«Настройка почтовых программ»"))
        #expect(page.contains("data-note=\"1Gb.ru даёт каждому ящику свой сервер"))
    }

    /// The value of the hidden input `name` in `page`.
    static func hiddenValue(_ name: String, in page: String) -> String? {
        guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
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

        #expect(confirm.contains("<a class=\"button primary\" href=\"/profiles/new\">Создать профиль</a>"))

        let other = try web.createProfile("Другой")
        let defaultPage = web.get("/profiles/\(only)/delete").text
        #expect(defaultPage.contains("профиль по умолчанию"))
        #expect(defaultPage.contains("action=\"/profiles/\(other)/default\""))
        #expect(defaultPage.contains("Сделать по умолчанию «Другой»"))
        web.get("/lang?to=en")
        #expect(web.get("/profiles/\(only)/delete").text.contains("Make “Другой” the default"), "English quotes")
        web.get("/lang?to=ru")
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
