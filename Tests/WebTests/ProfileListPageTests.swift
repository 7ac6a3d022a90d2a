import Foundation
import MailCore
import MailTestSupport
import Sender
import Testing

@testable import Storage
@testable import Web

/// «Профили email» as a table that fits the screen: each profile's state in words, server, sender
/// and today's use, actions on one line, no «Удалить запись» where it could only be refused.
@Suite struct ProfileListPageTests {
    /// The `<tr>` of the profile named `name`.
    static func row(_ name: String, in page: String) throws -> String {
        let start = try #require(page.range(of: "<tr data-profile=\"\(name)\""))
        return String(page[start.lowerBound...].prefix { $0 != "§" }.components(separatedBy: "</tr>")[0])
    }

    @Test func aNewProfileIsNotCheckedUntilALetterGoesThrough() throws {
        let web = try WebHarness(transport: .acceptingAll())
        web.logIn()
        let id = try web.createProfile("Магазин")
        #expect(try Self.row("Магазин", in: web.get("/profiles").text).contains(">Не проверен</span>"))
        web.post("/profiles/\(id)/check", [("to", "admin@example.com")])
        let row = try Self.row("Магазин", in: web.get("/profiles").text)
        #expect(row.contains("<span class=\"badge state-working\">Работает</span>"))
        #expect(row.contains("1 / 100"), "the test letter counts")
        #expect(row.contains("<meter min=\"0\" max=\"100\" value=\"1\""))
    }

    @Test func aFailedCheckReadsAsAnErrorWithItsCauseTimeAndTheCheckLink() throws {
        let web = try WebHarness(
            transport: ScriptedTransport([
                .failed(.dns(detail: "Could not resolve host: smtp.mail.ru"), dataSent: false)
            ])
        )
        web.logIn()
        let id = try web.createProfile("Магазин", extra: [("host", "smtp.mail.ru")])
        web.post("/profiles/\(id)/check", [("to", "admin@example.com")])
        let time = TimeFormat(timeZone: TimeZone(identifier: "Europe/Moscow")!).string(web.clock.now())
        let row = try Self.row("Магазин", in: web.get("/profiles").text)
        #expect(
            row.contains(
                ">Ошибка: сервер не найден (DNS), \(time)</span> — <a href=\"/profiles/\(id)/check\">проверить</a>"
            )
        )
        #expect(row.contains("state-failed"))
        #expect(!row.contains("Could not resolve"))
    }

    @Test func theStateReadsAsMailrobotSendStatusSaysIt() throws {
        let web = try WebHarness()
        web.logIn()
        let paused = try web.createProfile("Пауза")
        let broken = try web.createProfile("Вход")
        try web.createProfile("Новый")
        let now = web.clock.now()
        try ProfileStore(web.db).pause(
            id: paused,
            until: now.addingTimeInterval(3_600),
            reply: "421 4.7.0 Later",
            now: now
        )
        try ProfileStore(web.db).markBroken(id: broken, reply: "535 5.7.8 No", now: now)
        let page = web.get("/profiles").text
        for status in try ProfileStatus.all(database: web.db, now: now) {
            // The panel writes minutes, the command seconds: the panel's words start the command's.
            let words = status.condition.text(.ru, time: TimeFormat(timeZone: status.timeZone).string)
            #expect(status.text(.ru).hasPrefix("\(status.profile.name) (#\(status.profile.id)"))
            #expect(status.text(.ru).contains(words))
            #expect(try Self.row(status.profile.name, in: page).contains(">\(words)</span>"), "\(words)")
        }
        #expect(try Self.row("Пауза", in: page).contains("title=\"421 4.7.0 Later\""))
    }

    @Test func theDefaultProfileOffersNoDeleteAndTheOthersOfferToBecomeIt() throws {
        let web = try WebHarness()
        web.logIn()
        let main = try web.createProfile("Основной")
        let other = try web.createProfile("Другой")
        let page = web.get("/profiles").text
        let mainRow = try Self.row("Основной", in: page)
        #expect(mainRow.contains("class=\"is-default\""))
        #expect(mainRow.contains("★"))
        #expect(!mainRow.contains("/profiles/\(main)/delete"))
        #expect(!mainRow.contains("/profiles/\(main)/default"))
        let otherRow = try Self.row("Другой", in: page)
        #expect(otherRow.contains("href=\"/profiles/\(other)/delete\""))
        #expect(otherRow.contains("action=\"/profiles/\(other)/default\""))
        #expect(!otherRow.contains("★"))
    }

    @Test func theSenderIsTheAddressAloneWithoutAName() throws {
        let web = try WebHarness()
        web.logIn()
        try web.createProfile("Магазин", extra: [("sender_name", "")])
        let row = try Self.row("Магазин", in: web.get("/profiles").text)
        #expect(row.contains("<td class=\"sender-cell\">shop@example.com</td>"))
    }
}
