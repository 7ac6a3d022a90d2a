import Foundation
import MailCore
import MailTestSupport
import Sender
import Testing

@testable import Storage

@Suite struct ProfileCheckTests {
    private func check(
        _ h: SenderHarness,
        _ transport: ScriptedTransport,
        profile: Int64,
        to: String = "admin@example.com",
        language: Language = .ru
    ) throws -> ProfileCheck.Outcome {
        try ProfileCheck(h.setup(transport))
            .run(profile: try h.profile(profile), to: to, language: language)
    }

    /// The test letter speaks the panel's language from its subject to its last line.
    @Test(arguments: [Language.ru, .en])
    func theTestLetterIsWhollyInThePanelsLanguage(language: Language) throws {
        let h = try SenderHarness()
        let id = try h.addProfile("Магазин")
        let outcome = try check(h, ScriptedTransport.acceptingAll(), profile: id, language: language)
        let letter = try h.letter(try #require(outcome.letterID))
        let latin = letter.text.filter { ("a"..."z").contains($0) }
        switch language {
        case .ru:
            #expect(letter.subject == "Проверка профиля «Магазин» — mailrobot")
            #expect(letter.text.hasPrefix("Это тестовое письмо mailrobot"))
            #expect(!letter.text.contains("This is"))
        case .en:
            #expect(letter.subject == "Profile check “Магазин” — mailrobot")
            #expect(letter.text.hasPrefix("This is a mailrobot test letter"))
            #expect(!letter.text.contains("Это"))
            #expect(!latin.isEmpty)
        }
    }

    /// A letter that went with the password in the clear still says so on the check page.
    @Test func aPasswordSentInTheClearIsAWarningEvenOnSuccess() throws {
        let h = try SenderHarness()
        let id = try h.addProfile("Магазин")
        // Allowed, as it must be now for a login in clear text; the port stays, since the stored
        // password is bound to it.
        try h.db.execute("UPDATE profiles SET security = 'none', allow_plain_auth = 1 WHERE id = ?", [id])
        let outcome = try check(h, ScriptedTransport.acceptingAll(), profile: id)
        #expect(outcome.warnings.contains { $0.ru.contains("без шифрования") })
        let safe = try h.addProfile("Защищённый")
        #expect(try check(h, ScriptedTransport.acceptingAll(), profile: safe).warnings.isEmpty)
    }

    @Test func testLetterIsARealPriorityLetterAndClearsABrokenState() throws {
        let h = try SenderHarness()
        let id = try h.addProfile("Магазин")
        try ProfileStore(h.db).markBroken(id: id, reply: "535 bad", now: h.clock.now())
        let transport = ScriptedTransport.acceptingAll()
        let outcome = try check(h, transport, profile: id)
        guard case .sent(let reply) = outcome.result else {
            Issue.record("expected the letter to go, got \(outcome.result)")
            return
        }
        #expect(reply.code == 250)
        let letter = try h.letter(try #require(outcome.letterID))
        #expect(letter.isTest && letter.priority && letter.status == .sent)
        #expect(try h.profile(id).state == .ok)
        #expect(try OutboxStore(h.db).sendHistory(profileID: id, now: h.clock.now()).map(\.isPriority) == [true])
        #expect(transport.sent.first?.recipient.address == "admin@example.com")
    }

    @Test func refusedLoginAtMailRuSuggestsAnAppPassword() throws {
        let h = try SenderHarness()
        let id = try h.addProfile("Магазин", host: "smtp.mail.ru")
        let transport = ScriptedTransport([.refused(535, "5.7.0", "NEOBHODIM parol prilozheniya", step: .auth)])
        let outcome = try check(h, transport, profile: id)
        guard case .failed(let failure, let hint) = outcome.result else {
            Issue.record("expected a failure, got \(outcome.result)")
            return
        }
        #expect(failure.step == .auth)
        #expect(hint.text.ru.contains("пароль для внешних приложений"))
        #expect(try h.letter(try #require(outcome.letterID)).status == .failed, "a test letter is not retried")
        guard case .broken = try h.profile(id).state else {
            Issue.record("profile should be broken after a refused login")
            return
        }
    }

    @Test func temporaryFailureIsReportedNotRetried() throws {
        let h = try SenderHarness()
        let id = try h.addProfile("Магазин")
        let outcome = try check(
            h,
            ScriptedTransport([.failed(.timeout(step: .greeting), dataSent: false)]),
            profile: id
        )
        guard case .failed(.timeout(.greeting, _), _) = outcome.result else {
            Issue.record("expected a greeting timeout, got \(outcome.result)")
            return
        }
        #expect(try h.letter(try #require(outcome.letterID)).status == .failed)
    }

    @Test func exhaustedPriorityShareRefusesBeforeSending() throws {
        let h = try SenderHarness()
        let id = try h.addProfile(
            "Магазин",
            limits: ProfileLimits(maxPerDay: 10, intervalMinutes: 0, batchSize: 5, priorityPerDay: 1)
        )
        _ = try check(h, ScriptedTransport.acceptingAll(), profile: id)
        let transport = ScriptedTransport()
        let outcome = try check(h, transport, profile: id)
        guard case .refused(let reason) = outcome.result else {
            Issue.record("expected a refusal, got \(outcome.result)")
            return
        }
        #expect(reason.ru.contains("Исчерпан лимит «Кол-во приоритетных сообщений в сутки»: 1 из 1"))
        #expect(reason.ru.contains("можно будет отправить в"), "the refusal says when the share frees up")
        #expect(transport.sessionsOpened == 0)
    }

    @Test(arguments: ["not an address", "a@b\r\nRCPT TO:<x@y.z>", ""])
    func badAddressIsRefused(address: String) throws {
        let h = try SenderHarness()
        let id = try h.addProfile("Магазин")
        let transport = ScriptedTransport()
        guard case .badAddress = try check(h, transport, profile: id, to: address).result else {
            Issue.record("expected the address to be refused")
            return
        }
        #expect(transport.sessionsOpened == 0)
        #expect(try h.db.integer("SELECT count(*) FROM letters") == 0)
    }
}

@Suite struct ProfileCheckReviewTests {
    @Test func aCheckWaitsForNoRunAndSaysSo() throws {
        let h = try SenderHarness()
        let id = try h.addProfile("Магазин")
        let folder = h.test.directory.file("locks")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let descriptor = open("\(folder)/profile-\(id).lock", O_RDWR | O_CREAT, 0o600)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let transport = ScriptedTransport()
        let outcome = try ProfileCheck(h.setup(transport)).run(profile: try h.profile(id), to: "admin@example.com")
        guard case .refused(let reason) = outcome.result else {
            Issue.record("expected a refusal, got \(outcome.result)")
            return
        }
        #expect(reason.ru.contains("через минуту"))
        #expect(transport.sessionsOpened == 0)
    }

    @Test func aPassingCheckKeepsAQuotaPause() throws {
        let h = try SenderHarness()
        let id = try h.addProfile("Магазин")
        let until = h.clock.now().addingTimeInterval(3600)
        try ProfileStore(h.db).pause(
            id: id,
            until: until,
            reply: "550 5.4.5 Daily user sending limit exceeded",
            now: h.clock.now()
        )
        _ = try ProfileCheck(h.setup(.acceptingAll())).run(profile: try h.profile(id), to: "admin@example.com")
        guard case .paused(let stillUntil, _) = try h.profile(id).state else {
            Issue.record("the pause was lifted")
            return
        }
        #expect(stillUntil == until)
    }
}
