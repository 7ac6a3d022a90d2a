import Foundation
import MailCore
import MailTestSupport
import Storage
import Testing

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
        #expect(page.contains("Connection refused"))
    }
}
