import Foundation
import MailCore
import MailTestSupport
import Testing

@testable import Storage
@testable import Web

/// «Проверка профиля» through `AdminApp.handle`, with a scripted transport.
@Suite struct ProfileCheckPageTests {
    @Test func successShowsTheServersReply() throws {
        let web = try WebHarness(transport: .acceptingAll())
        web.logIn()
        let id = try web.createProfile("Магазин")
        let form = web.get("/profiles/\(id)/check").text
        #expect(form.contains("value=\"shop@example.com\""), "the profile's own address is suggested")
        let response = web.post("/profiles/\(id)/check", [("to", "admin@example.com")])
        #expect(response.status == 200)
        #expect(response.text.contains("Письмо принято сервером"))
        #expect(response.text.contains("250 2.0.0 OK queued"))
        #expect(web.transport.sent.map(\.recipient.address) == ["admin@example.com"])
    }

    @Test func failureShowsStepReplyHintAndDialogue() throws {
        let transport = ScriptedTransport([
            .failed(
                .auth(reply: SMTPReply(code: 535, enhancedCode: "5.7.8", text: "Error: authentication failed")),
                dataSent: false
            )
        ])
        let web = try WebHarness(transport: transport)
        web.logIn()
        let id = try web.createProfile("Яндекс", extra: [("host", "smtp.yandex.ru")])
        let page = web.post("/profiles/\(id)/check", [("to", "admin@example.com")]).text
        #expect(page.contains("Не отправлено: вход (логин и пароль)"))
        #expect(page.contains("535 5.7.8 Error: authentication failed"))
        #expect(page.contains("пароль для внешних приложений"))
        #expect(page.contains("class=\"transcript\""))
        #expect(!page.contains("s3cret-app-pass"))
    }

    @Test func badAddressIsRefusedWithoutSending() throws {
        let web = try WebHarness()
        web.logIn()
        let id = try web.createProfile("Магазин")
        let response = web.post("/profiles/\(id)/check", [("to", "admin@example.com\r\nBcc: x@evil.example")])
        #expect(response.status == 422)
        #expect(response.text.contains("id=\"e-to\""), "the message sits next to the field")
        #expect(response.text.contains("Часть адреса до @") || response.text.contains("Домен после @"))
        #expect(web.transport.sessionsOpened == 0)
    }

    @Test func englishPageSpeaksEnglish() throws {
        let web = try WebHarness(
            transport: ScriptedTransport([.failed(.connect(detail: "Connection refused"), dataSent: false)])
        )
        web.logIn()
        web.get("/lang?to=en")
        let id = try web.createProfile("Shop")
        let page = web.post("/profiles/\(id)/check", [("to", "admin@example.com")]).text
        #expect(page.contains("Not sent: connecting to the server"))
        #expect(page.contains("Error: connection refused"))
        #expect(!page.contains("Server reply"), "libcurl's words are no server's reply")
        #expect(!page.contains("Ошибка"))
    }

    @Test func dnsFailureOfAPresetHostSaysSoInRussianWithoutServerReply() throws {
        let web = try WebHarness(
            transport: ScriptedTransport([
                .failed(.dns(detail: "Could not resolve host: smtp.mail.ru"), dataSent: false)
            ])
        )
        web.logIn()
        let id = try web.createProfile("Магазин — Mail.ru", extra: [("host", "smtp.mail.ru")])
        let page = web.post("/profiles/\(id)/check", [("to", "admin@example.com")]).text
        let result = try #require(page.components(separatedBy: "id=\"check-result\"").dropFirst().first)
        let section = String(result.prefix { $0 != "§" }.components(separatedBy: "</section>")[0])
        #expect(section.contains("Ошибка: сервер не найден (DNS)"))
        #expect(!section.contains("Ответ сервера"))
        #expect(!section.contains("Could not resolve host"), "libcurl's English stays in the dialogue")
        #expect(section.contains("верное имя SMTP-сервера"), "a preset's host is not the admin's mistake")
        #expect(section.contains("href=\"/profiles/\(id)/edit\">Изменить профиль</a>"))
    }

    @Test func serverReplyKeepsItsLabel() throws {
        let reply = SMTPReply(code: 550, enhancedCode: "5.1.1", text: "No such user")
        let web = try WebHarness(
            transport: ScriptedTransport([.failed(.recipientRefused(reply: reply), dataSent: false)])
        )
        web.logIn()
        let id = try web.createProfile("Магазин")
        let page = web.post("/profiles/\(id)/check", [("to", "nobody@example.com")]).text
        #expect(page.contains("Ответ сервера: <code>550 5.1.1 No such user</code>"))
    }

    @Test func testLetterIsWrittenInThePanelsLanguage() throws {
        let web = try WebHarness(transport: .acceptingAll())
        web.logIn()
        web.get("/lang?to=en")
        let id = try web.createProfile("Shop")
        web.post("/profiles/\(id)/check", [("to", "admin@example.com")])
        #expect(web.transport.sent.count == 1)
        let row = try #require(try web.db.rows("SELECT subject, body_text FROM letters WHERE is_test = 1").first)
        #expect(try row.string("subject").hasPrefix("Profile check “Shop”"))
        #expect(try row.string("body_text").hasPrefix("This is a mailrobot test letter"))
        #expect(try !row.string("body_text").contains("Это"))
    }

    @Test func refusalNamesTheUsedUpLimitAndWhenItFreesUp() throws {
        let web = try WebHarness(transport: .acceptingAll())
        web.logIn()
        let id = try web.createProfile("Магазин", extra: [("max_per_day", "5"), ("priority_per_day", "1")])
        #expect(web.post("/profiles/\(id)/check", [("to", "admin@example.com")]).status == 200)
        web.clock.advance(by: 60)
        let response = web.post("/profiles/\(id)/check", [("to", "admin@example.com")])
        #expect(response.status == 422)
        let sentAt = TimeFormat(timeZone: TimeZone(identifier: "Europe/Moscow")!)
            .string(web.clock.now().addingTimeInterval(-60 + 86_400))
        #expect(response.text.contains("Исчерпан лимит «Кол-во приоритетных сообщений в сутки»: 1 из 1"))
        #expect(response.text.contains(sentAt), "the moment the first test letter leaves the 24 hours")
        #expect(response.text.contains("href=\"/profiles/\(id)/edit\">Изменить профиль</a>"))
    }

    @Test func refusalOfAZeroPriorityShareSaysItNeverGoes() throws {
        let web = try WebHarness(transport: .acceptingAll())
        web.logIn()
        let id = try web.createProfile(
            "Магазин",
            extra: [("priority_per_day", "0"), ("limits_confirmed", "0/100")]
        )
        let response = web.post("/profiles/\(id)/check", [("to", "admin@example.com")])
        #expect(response.status == 422)
        #expect(response.text.contains("«Кол-во приоритетных сообщений в сутки» равно 0"))
        #expect(web.transport.sessionsOpened == 0)
    }
}
