import Foundation
import MailCore
import MailTestSupport
import Sender
import Testing

@testable import Storage

/// One pass of the queue against a temporary database and a scripted transport.
@Suite struct QueueRunTests {
    @Test func sendsDueLettersAndMarksThemSent() throws {
        let h = try SenderHarness()
        try h.addProfile("Магазин")
        let ids = try (1...3).map { try h.enqueue("c\($0)@example.com") }
        let transport = ScriptedTransport.acceptingAll()
        let report = try h.run(transport)
        #expect(report.sent == 3 && report.problems.isEmpty)
        #expect(transport.sessionsOpened == 1, "one connection for the batch")
        #expect(transport.accounts.first?.password == "app-password")
        for id in ids {
            let letter = try h.letter(id)
            #expect(letter.status == .sent && letter.attempts == 1)
        }
        let message = String(decoding: try #require(transport.sent.first).message, as: UTF8.self)
        #expect(message.contains("Message-ID: <\(try h.letter(ids[0]).messageID)>"))
        #expect(message.contains("Date: Tue, 01 Dec 2026 12:00:00 +0300"), "Date in the shop's zone")
        #expect(try h.run(ScriptedTransport()).sent == 0, "nothing twice")
    }

    @Test func idleRunSendsNothingAndOpensNoSession() throws {
        let h = try SenderHarness()
        try h.addProfile("Магазин")
        let transport = ScriptedTransport()
        let report = try h.run(transport)
        #expect(report.sent == 0 && transport.sessionsOpened == 0 && transport.unexpectedSends == 0)
    }

    @Test func temporaryFailureRetriesLater() throws {
        let h = try SenderHarness()
        try h.addProfile("Магазин")
        let id = try h.enqueue()
        let transport = ScriptedTransport([.refused(451, "4.3.0", "Try again later", step: .recipient)])
        try h.run(transport)
        let letter = try h.letter(id)
        #expect(letter.status == .queued && letter.attempts == 1)
        let delay = letter.nextAttemptAt.timeIntervalSince(h.clock.now())
        #expect(delay >= 54 && delay <= 66, "about a minute")
        #expect(letter.lastReply.contains("451"))
        #expect(
            try OutboxStore(h.db).sendHistory(profileID: 1, now: h.clock.now()).isEmpty,
            "a refused letter uses no quota"
        )
        h.clock.advance(by: 30)
        #expect(try h.run(ScriptedTransport()).sent == 0, "not before its time")
        h.clock.advance(by: 60)
        #expect(try h.run(ScriptedTransport.acceptingAll()).sent == 1)
    }

    @Test func permanentFailureFailsOnlyThatLetter() throws {
        let h = try SenderHarness()
        try h.addProfile("Магазин")
        let bad = try h.enqueue("nobody@example.com")
        let good = try h.enqueue("somebody@example.com")
        let transport = ScriptedTransport(
            [.refused(550, "5.1.1", "No such user", step: .recipient)],
            fallback: .sent(reply: .ok)
        )
        let report = try h.run(transport)
        #expect(try h.letter(bad).status == .failed)
        #expect(try h.letter(good).status == .sent)
        #expect(report.problems.count == 1 && report.problems[0].contains("550 5.1.1"))
    }

    @Test func refusedLoginBreaksTheProfileAndKeepsItsLetters() throws {
        let h = try SenderHarness()
        let shop = try h.addProfile("Магазин")
        let other = try h.addProfile("Другой")
        let first = try h.enqueue(profile: "Магазин")
        let second = try h.enqueue(profile: "Магазин")
        let elsewhere = try h.enqueue(profile: "Другой")
        let transport = ScriptedTransport(
            [.refused(535, "5.7.8", "Authentication credentials invalid", step: .auth)],
            fallback: .sent(reply: .ok)
        )
        let report = try h.run(transport)
        guard case .broken(let reply, _) = try h.profile(shop).state else {
            Issue.record("profile not broken")
            return
        }
        #expect(reply.contains("535"))
        for id in [first, second] {
            let letter = try h.letter(id)
            #expect(letter.status == .queued && letter.attempts == 0)
        }
        #expect(try h.letter(elsewhere).status == .sent, "other profiles still send")
        #expect(report.problems.contains { $0.contains("Магазин") && $0.contains("broken") })
        _ = other

        h.clock.advance(by: 600)
        let later = ScriptedTransport()
        try h.run(later)
        #expect(later.sessionsOpened == 0, "a broken profile stays out of runs")
    }

    @Test func sendingLimitReplyPausesTheProfileWithoutFailingTheLetter() throws {
        let h = try SenderHarness()
        let shop = try h.addProfile("Магазин")
        let id = try h.enqueue()
        try h.run(ScriptedTransport([.refused(550, "5.4.5", "Daily user sending limit exceeded.", step: .data)]))
        let letter = try h.letter(id)
        #expect(letter.status == .queued && letter.attempts == 0)
        guard case .paused(let until, _) = try h.profile(shop).state else {
            Issue.record("profile not paused")
            return
        }
        #expect(until == h.clock.now().addingTimeInterval(24 * 3600))
        h.clock.advance(by: 23 * 3600)
        #expect(try h.run(ScriptedTransport()).sent == 0)
        h.clock.advance(by: 3600)
        #expect(try h.run(ScriptedTransport.acceptingAll()).sent == 1)
    }

    @Test func noAnswerToTheFinalDotIsRetriedAsAPossibleDuplicate() throws {
        let h = try SenderHarness()
        try h.addProfile("Магазин")
        let id = try h.enqueue()
        try h.run(ScriptedTransport([.failed(.timeout(step: .data), dataSent: true)]))
        let letter = try h.letter(id)
        #expect(letter.status == .queued && letter.possibleDuplicate && letter.attempts == 1)
        #expect(
            try OutboxStore(h.db).sendHistory(profileID: 1, now: h.clock.now()).count == 1,
            "it may have left: it counts"
        )
        h.clock.advance(by: 120)
        let again = ScriptedTransport.acceptingAll()
        try h.run(again)
        let resent = String(decoding: try #require(again.sent.first).message, as: UTF8.self)
        #expect(resent.contains("Message-ID: <\(letter.messageID)>"), "same Message-ID on the retry")
    }

    @Test func droppedConnectionMidDataIsRetriedNotAmbiguous() throws {
        let h = try SenderHarness()
        try h.addProfile("Магазин")
        let id = try h.enqueue()
        try h.run(ScriptedTransport([.failed(.connectionLost(step: .data, reply: nil), dataSent: false)]))
        let letter = try h.letter(id)
        #expect(letter.status == .queued && !letter.possibleDuplicate && letter.attempts == 1)
    }

    @Test func connectionClosedWith421EndsTheBatchAndKeepsTheRest() throws {
        let h = try SenderHarness()
        try h.addProfile("Магазин")
        let ids = try (1...5).map { try h.enqueue("c\($0)@example.com") }
        let ok = DeliveryResult.sent(reply: .ok)
        let closed = DeliveryResult.failed(
            .connectionLost(
                step: .sender,
                reply: SMTPReply(code: 421, enhancedCode: "4.7.0", text: "Closing connection")
            ),
            dataSent: false
        )
        let report = try h.run(ScriptedTransport([ok, ok, ok, closed]))
        #expect(report.sent == 3)
        #expect(try ids.map { try h.letter($0).status } == [.sent, .sent, .sent, .queued, .queued])
        #expect(try h.letter(ids[4]).attempts == 0, "letters after the break were never tried")
        #expect(
            try OutboxStore(h.db).sendHistory(profileID: 1, now: h.clock.now()).count == 3,
            "given back, they no longer count in the limits"
        )
    }

    @Test func letterThatAlwaysFailsGivesUpAfter72Hours() throws {
        let h = try SenderHarness()
        try h.addProfile("Магазин")
        let stubborn = try h.enqueue("stubborn@example.com")
        var runs = 0
        while try h.letter(stubborn).status == .queued && runs < 100 {
            let next = try h.letter(stubborn).nextAttemptAt
            if next > h.clock.now() { h.clock.set(next) }
            try h.enqueue("flowing\(runs)@example.com")
            try h.run(
                ScriptedTransport([.refused(451, "4.2.0", "Greylisted", step: .recipient)], fallback: .sent(reply: .ok))
            )
            runs += 1
        }
        let letter = try h.letter(stubborn)
        #expect(letter.status == .failed)
        #expect(h.clock.now().timeIntervalSince(letter.createdAt) <= 72 * 3600)
        // The last try falls within one longest delay (6 h + 10 % jitter) of the 72-hour mark.
        #expect(h.clock.now().timeIntervalSince(letter.createdAt) > (72 - 6.6) * 3600)
        #expect(
            try h.db.integer("SELECT count(*) FROM letters WHERE status = 'sent'") == Int64(runs),
            "the others flowed"
        )
    }

    @Test func dryRunChangesNothingAndSaysWhy() throws {
        let h = try SenderHarness()
        try h.addProfile(
            "Магазин",
            limits: ProfileLimits(maxPerDay: 5, intervalMinutes: 10, batchSize: 2, priorityPerDay: 1)
        )
        for _ in 0..<3 { try h.enqueue() }
        try h.enqueue(priority: true)
        try h.enqueue(priority: true)
        let before = try h.db.rows("SELECT id, status, attempts FROM letters").map { "\($0.values)" }
        let transport = ScriptedTransport()
        let report = try h.run(transport, dryRun: true)
        #expect(transport.sessionsOpened == 0)
        #expect(try h.db.rows("SELECT id, status, attempts FROM letters").map { "\($0.values)" } == before)
        let text = report.plans.joined(separator: "\n")
        #expect(text.contains("would send 2"))
        #expect(text.contains("priority share (1) used"))
        #expect(text.contains("interval until"))
        #expect(try ProfileStore(h.db).lastRegularBatch(id: 1) == nil)
    }

    @Test func aBusyProfileIsSkippedAtOnce() throws {
        let h = try SenderHarness()
        let id = try h.addProfile("Магазин")
        try h.enqueue()
        let folder = h.test.directory.file("locks")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let descriptor = open("\(folder)/profile-\(id).lock", O_RDWR | O_CREAT, 0o600)
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let report = try h.run(ScriptedTransport())
        #expect(report.busy == [id] && report.sent == 0)
        close(descriptor)
        #expect(try h.run(ScriptedTransport.acceptingAll()).sent == 1)
    }

    @Test func expiredClaimsOfADeadRunAreTakenBack() throws {
        let h = try SenderHarness()
        try h.addProfile("Магазин")
        let inFlight = try h.enqueue("a@example.com")
        let untried = try h.enqueue("b@example.com")
        let outbox = OutboxStore(h.db)
        let lease = h.clock.now().addingTimeInterval(60)
        _ = try outbox.claim(id: inFlight, owner: "dead-run", leaseUntil: lease, now: h.clock.now())
        _ = try outbox.claim(id: untried, owner: "dead-run", leaseUntil: lease, now: h.clock.now())
        #expect(try h.run(ScriptedTransport()).sent == 0, "not before the lease ends")
        h.clock.advance(by: 61)
        let transport = ScriptedTransport.acceptingAll()
        #expect(try h.run(transport).sent == 2)
        #expect(try h.letter(inFlight).possibleDuplicate, "the first of the dead run's order may have left")
        #expect(try !h.letter(untried).possibleDuplicate)
    }

    @Test func limitsAreKeptAcrossRuns() throws {
        let h = try SenderHarness()
        try h.addProfile(
            "Магазин",
            limits: ProfileLimits(maxPerDay: 5, intervalMinutes: 10, batchSize: 2, priorityPerDay: 1)
        )
        for _ in 0..<10 { try h.enqueue() }
        for _ in 0..<3 { try h.enqueue(priority: true) }
        var perRun: [Int] = []
        for minutes: Double in [0, 1, 10, 20, 24 * 60] {
            h.clock.set(Fixtures.now.addingTimeInterval(minutes * 60))
            perRun.append(try h.run(ScriptedTransport.acceptingAll()).sent)
        }
        #expect(perRun == [2, 0, 2, 1, 2])
    }

    @Test func aDatabaseErrorMidBatchGivesTheRestBackAndSparesOtherProfiles() throws {
        let h = try SenderHarness()
        let first = try h.addProfile("Первый")
        try h.addProfile("Второй")
        let ids = try (1...3).map { try h.enqueue("c\($0)@example.com", profile: "Первый") }
        let elsewhere = try h.enqueue("other@example.com", profile: "Второй")
        // The first profile's outcomes cannot be recorded: its journal refuses them.
        try h.db.execute(
            """
            CREATE TRIGGER journal_trouble BEFORE INSERT ON attempts WHEN NEW.profile_name = 'Первый'
            BEGIN SELECT RAISE(ABORT, 'disk trouble'); END
            """
        )
        let transport = ScriptedTransport.acceptingAll()
        let report = try h.run(transport)
        #expect(report.problems.count == 1 && report.problems[0].contains("profile #\(first)"))
        #expect(try h.letter(elsewhere).status == .sent, "the other profile still sends")
        #expect(try h.letter(ids[0]).status == .sending, "its data went: recovery decides after the lease")
        for id in ids.dropFirst() {
            let letter = try h.letter(id)
            #expect(letter.status == .queued && letter.attempts == 0, "never tried: given back")
        }
        #expect(try OutboxStore(h.db).sendHistory(profileID: first, now: h.clock.now()).count == 1)
    }
}
