import Foundation
import Logging
import MailCore
import MailTestSupport
import Sender
import Storage
import Testing

/// The delivery window after a run died: the database files copied in the middle of a real run
/// are what the next run finds after a crash of the process (everything written is there) or
/// after a power cut (the outcomes written after the batch claim's disk sync are gone).
extension QueueRunTests {
    /// Five regular letters, at most five a day: every letter that may have left counts.
    private static let fiveADay = ProfileLimits(maxPerDay: 5, intervalMinutes: 0, batchSize: 10, priorityPerDay: 0)

    /// Runs a batch of five and copies the database files as the fourth letter goes: the whole
    /// log (`keepsOutcomes`), or the log as it stood when the claim was synced.
    private func interruptedCopy(of h: SenderHarness, keepsOutcomes: Bool) throws -> (copy: String, ids: [Int64]) {
        try h.addProfile("Магазин", limits: Self.fiveADay)
        let ids = try (1...5).map { try h.enqueue("c\($0)@example.com") }
        let original = h.test.directory.file("mailrobot.sqlite")
        let copy = h.test.directory.file("after-the-crash.sqlite")
        let claimSynced = Shared(0)
        let transport = ScriptedTransport.acceptingAll()
        transport.onSend { sent in
            let log = (try? FileManager.default.attributesOfItem(atPath: original + "-wal")[.size] as? Int) ?? 0
            if sent == 0 { claimSynced.update { $0 = log } }
            guard sent == 3 else { return }
            // Three outcomes are committed, the fourth letter is on the wire.
            try? FileManager.default.copyItem(atPath: original, toPath: copy)
            let wal = FileManager.default.contents(atPath: original + "-wal") ?? Data()
            let kept = keepsOutcomes ? wal : wal.prefix(claimSynced.current)
            _ = FileManager.default.createFile(atPath: copy + "-wal", contents: kept)
        }
        #expect(try h.run(transport).sent == 5, "the run itself went to the end")
        return (copy, ids)
    }

    /// The next run over the copy, `minutes` later, in a machine booted as `boot`.
    private func nextRun(
        _ h: SenderHarness,
        over copy: String,
        boot: String,
        minutes: Double
    ) throws
        -> (report: RunReport, sent: [String], db: Database)
    {
        let db = try Database(path: copy)
        let transport = ScriptedTransport.acceptingAll()
        h.clock.set(Fixtures.now.addingTimeInterval(minutes * 60))
        let setup = SenderSetup(
            database: db,
            transport: transport,
            sealer: h.sealer,
            clock: h.clock,
            locksFolder: h.locksFolder,
            boot: boot,
            logger: h.logger
        )
        let report = try QueueRun(setup).run()
        return (report, transport.sent.map { String(decoding: $0.message, as: UTF8.self) }, db)
    }

    @Test func afterACrashOfTheRunOnlyTheLetterInFlightIsSentAgainFlagged() throws {
        let h = try SenderHarness()
        let (copy, ids) = try interruptedCopy(of: h, keepsOutcomes: true)
        let next = try nextRun(h, over: copy, boot: Fixtures.boot, minutes: 11)
        let letters = try ids.map { try #require(try OutboxStore(next.db).find(id: $0)) }
        #expect(letters.map(\.status) == [.sent, .sent, .sent, .sent, .queued])
        #expect(letters.map(\.possibleDuplicate) == [false, false, false, true, false])
        #expect(next.sent.count == 1 && next.sent[0].contains("Message-ID: <\(letters[3].messageID)>"))
        // Three sent, the one in flight twice (it may have left): the fifth waits for room.
        #expect(try OutboxStore(next.db).sendHistory(profileID: 1, now: h.clock.now()).count == 5)
    }

    @Test func afterAPowerCutEveryLetterWhoseOutcomeWasLostIsFlaggedAndCounted() throws {
        let h = try SenderHarness()
        let (copy, ids) = try interruptedCopy(of: h, keepsOutcomes: false)
        let next = try nextRun(h, over: copy, boot: "booted-again", minutes: 11)
        let letters = try ids.map { try #require(try OutboxStore(next.db).find(id: $0)) }
        #expect(letters.allSatisfy { $0.status == .queued && $0.possibleDuplicate }, "none lost, all flagged")
        #expect(next.sent.isEmpty, "each may have left: the day's five are used")
        #expect(try OutboxStore(next.db).sendHistory(profileID: 1, now: h.clock.now()).count == 5)
        let dayLater = try nextRun(h, over: copy, boot: "booted-again", minutes: 24 * 60 + 11)
        #expect(dayLater.sent.count == 5)
        for letter in letters {
            #expect(dayLater.sent.contains { $0.contains("Message-ID: <\(letter.messageID)>") }, "the same Message-ID")
        }
    }

    @Test func theSameCopyReadAsACrashOfTheRunFlagsOnlyTheFirstUnfinished() throws {
        // The log as the claim left it, read with the same boot: only a process died, so the
        // letters after the first unfinished one were never tried.
        let h = try SenderHarness()
        let (copy, ids) = try interruptedCopy(of: h, keepsOutcomes: false)
        let next = try nextRun(h, over: copy, boot: Fixtures.boot, minutes: 11)
        let letters = try ids.map { try #require(try OutboxStore(next.db).find(id: $0)) }
        #expect(letters.map(\.possibleDuplicate) == [true, false, false, false, false])
        #expect(next.sent.count == 4, "one place is the flagged letter's first sending")
    }
}
