import Foundation
import MailCore
import MailTestSupport
import Sender
import Storage
import Testing

/// A profile's state in words, as checks and runs leave it and `mailrobot-send status` says it.
@Suite struct ProfileStatusTests {
    private func condition(_ h: SenderHarness, _ id: Int64) throws -> ProfileCondition {
        ProfileCondition(of: try h.profile(id), now: h.clock.now())
    }

    private func status(_ h: SenderHarness, _ language: Language) throws -> String {
        try ProfileStatus.all(database: h.db, now: h.clock.now()).map { $0.text(language) }.joined(separator: "\n")
    }

    /// A new profile is «Не проверен»; a check that went makes it «Работает»; a later failed check
    /// «Ошибка: <cause>, <time>».
    @Test func aCheckMovesTheStateAndStatusSaysIt() throws {
        let h = try SenderHarness()
        let id = try h.addProfile("Магазин")
        #expect(try condition(h, id) == .unchecked)
        #expect(try status(h, .ru).hasPrefix("Магазин (#\(id), по умолчанию): Не проверен"))
        #expect(try status(h, .en).hasPrefix("Магазин (#\(id), default): Not checked"))

        _ = try ProfileCheck(h.setup(.acceptingAll())).run(profile: try h.profile(id), to: "admin@example.com")
        #expect(try condition(h, id) == .working)
        #expect(try status(h, .ru).contains("): Работает\n"))

        h.clock.advance(by: 60)
        let dns = ScriptedTransport([.failed(.dns(detail: "Could not resolve host: smtp.example.com"), dataSent: false)]
        )
        _ = try ProfileCheck(h.setup(dns)).run(profile: try h.profile(id), to: "admin@example.com")
        #expect(try condition(h, id) == .failed(.problem(.hostNotFound), at: h.clock.now()))
        #expect(try status(h, .ru).contains("): Ошибка: сервер не найден (DNS), 01.12.2026 12:01:00\n"))
    }

    /// A recipient's refusal says nothing about the profile: the state stays.
    @Test func aRefusedRecipientIsNotTheProfilesFailure() throws {
        let h = try SenderHarness()
        let id = try h.addProfile("Магазин")
        let refused = ScriptedTransport([.refused(550, "5.1.1", "No such user", step: .recipient)])
        _ = try ProfileCheck(h.setup(refused)).run(profile: try h.profile(id), to: "nobody@example.com")
        #expect(try condition(h, id) == .unchecked)
    }

    /// Runs record too: letters that went make a profile «Работает»; a connection that failed
    /// later makes it «Ошибка: соединение отклонено, …».
    @Test func runsRecordTheirSuccessAndTheProfilesFailure() throws {
        let h = try SenderHarness()
        let id = try h.addProfile("Магазин")
        try h.enqueue()
        try h.run(.acceptingAll())
        #expect(try condition(h, id) == .working)

        h.clock.advance(by: 120)
        try h.enqueue()
        let refused = "Failed to connect to smtp.example.com port 465 after 2 ms: Connection refused"
        try h.run(ScriptedTransport([.failed(.connect(detail: refused), dataSent: false)]))
        #expect(try condition(h, id) == .failed(.problem(.connectionRefused), at: h.clock.now()))

        h.clock.advance(by: 3600)
        try h.run(.acceptingAll())
        #expect(try condition(h, id) == .working, "the retried letter went")
    }
}
