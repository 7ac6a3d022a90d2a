import Foundation
import MailCore
import MailTestSupport
import Testing

@testable import Storage

/// The delivery window: claims with their order, outcomes, and how a dead run's claims are read.
extension OutboxStoreTests {
    private var run: Claimant { Claimant(owner: "run", boot: Fixtures.boot) }

    private func queued(_ count: Int, isTest: Bool = false) throws -> [Int64] {
        try (1...count).map { number in
            try outbox.enqueue(
                NewLetter(
                    profileID: profile,
                    toAddress: "c\(number)@example.com",
                    subject: "S",
                    text: "T",
                    messageID: "r\(number)@shop.example",
                    priority: isTest,
                    isTest: isTest
                ),
                now: now
            ).id
        }
    }

    private func claimed(_ ids: [Int64], by claimant: Claimant, leaseUntil: Date? = nil) throws -> [StoredLetter] {
        try outbox.claim(
            ids: ids,
            profileID: profile,
            by: claimant,
            leaseUntil: leaseUntil ?? now.addingTimeInterval(600),
            now: now
        )
    }

    /// Each letter's place in its run's order; 0 for a letter no run holds.
    private func places(_ ids: [Int64]) throws -> [Int64] {
        try ids.map { try test.database.integer("SELECT coalesce(claim_seq, 0) FROM letters WHERE id = ?", [$0]) }
    }

    @Test func aClaimRecordsTheOrderOfSendingAndCountsEveryLetter() throws {
        let ids = try queued(5)
        let order = [ids[2], ids[0], ids[1]]
        #expect(try claimed(order, by: run).map(\.id) == order)
        #expect(try places(order) == [1, 2, 3])
        // A later claim of the same run goes after the letters it holds.
        _ = try claimed([ids[4], ids[3]], by: run)
        #expect(try places([ids[4], ids[3]]) == [4, 5])
        #expect(try outbox.sendHistory(profileID: profile, now: now).count == 5)
        #expect(try test.database.integer("SELECT count(*) FROM letters WHERE claim_boot = ?", [Fixtures.boot]) == 5)
    }

    @Test func theLimitsCountFromWhenTheLetterWentNotFromTheClaim() throws {
        let ids = try queued(1)
        _ = try claimed(ids, by: run)
        let sentAt = now.addingTimeInterval(55 * 60)
        #expect(try outbox.finish(id: ids[0], owner: "run", .sent(reply: "250 OK"), now: sentAt))
        #expect(try outbox.sendHistory(profileID: profile, now: sentAt).map(\.at) == [sentAt])
    }

    @Test func afterACrashOfTheRunOnlyTheLetterInFlightMayHaveLeft() throws {
        let ids = try queued(5)
        _ = try claimed(ids, by: run, leaseUntil: now.addingTimeInterval(60))
        try outbox.finish(id: ids[0], owner: "run", .sent(reply: "250 OK"), now: now)
        try outbox.finish(
            id: ids[1],
            owner: "run",
            .requeue(
                at: now.addingTimeInterval(60),
                reply: "451",
                step: "recipient",
                countAttempt: true,
                mayHaveLeft: false
            ),
            now: now
        )
        // The run died with ids[2] on the wire; the machine did not.
        let later = now.addingTimeInterval(120)
        #expect(try outbox.recoverExpiredClaims(profileID: profile, now: later, boot: Fixtures.boot) == 3)
        let letters = try ids.map { try #require(try outbox.find(id: $0)) }
        #expect(letters.map(\.status) == [.sent, .queued, .queued, .queued, .queued])
        #expect(letters.map(\.possibleDuplicate) == [false, false, true, false, false])
        #expect(letters.map(\.attempts) == [1, 1, 0, 0, 0])
        // The sent one and the one in flight count; the ones never tried do not.
        #expect(try outbox.sendHistory(profileID: profile, now: later).count == 2)
        let journal = try test.database.rows(
            "SELECT letter_id, outcome FROM attempts WHERE at = ? ORDER BY letter_id",
            [later]
        )
        #expect(try journal.map { try $0.string("outcome") } == ["ambiguous", "abandoned", "abandoned"])
    }

    @Test func afterARebootEveryUnfinishedLetterMayHaveLeft() throws {
        let ids = try queued(4)
        _ = try claimed(ids, by: run, leaseUntil: now.addingTimeInterval(60))
        try outbox.finish(id: ids[0], owner: "run", .sent(reply: "250 OK"), now: now)
        let later = now.addingTimeInterval(120)
        #expect(try outbox.recoverExpiredClaims(profileID: profile, now: later, boot: "another-boot") == 3)
        let letters = try ids.map { try #require(try outbox.find(id: $0)) }
        #expect(letters.map(\.possibleDuplicate) == [false, true, true, true])
        #expect(letters.dropFirst().allSatisfy { $0.status == .queued })
        // Every one of them keeps its place in the limits, counted from the recovery.
        #expect(try outbox.sendHistory(profileID: profile, now: later).map(\.at) == [now, later, later, later])
    }

    @Test func aBootThatCannotBeReadCountsAsAReboot() throws {
        let ids = try queued(2)
        _ = try claimed(ids, by: Claimant(owner: "run", boot: ""), leaseUntil: now.addingTimeInterval(60))
        try outbox.recoverExpiredClaims(profileID: profile, now: now.addingTimeInterval(120), boot: Fixtures.boot)
        #expect(try ids.allSatisfy { try outbox.find(id: $0)?.possibleDuplicate == true })
    }

    @Test func eachRunHasItsOwnOrderAndLiveClaimsStay() throws {
        let ids = try queued(4)
        _ = try claimed(
            [ids[0], ids[1]],
            by: Claimant(owner: "dead", boot: Fixtures.boot),
            leaseUntil: now.addingTimeInterval(60)
        )
        _ = try claimed([ids[2], ids[3]], by: run, leaseUntil: now.addingTimeInterval(600))
        try outbox.recoverExpiredClaims(profileID: profile, now: now.addingTimeInterval(120), boot: Fixtures.boot)
        let letters = try ids.map { try #require(try outbox.find(id: $0)) }
        #expect(letters.map(\.status) == [.queued, .queued, .sending, .sending])
        #expect(letters.map(\.possibleDuplicate) == [true, false, false, false])
        #expect(try places([ids[2], ids[3]]) == [1, 2], "the live run's order is untouched")
    }

    @Test func renewedClaimsOutliveTheirFirstLease() throws {
        let ids = try queued(2)
        _ = try claimed(ids, by: run, leaseUntil: now.addingTimeInterval(60))
        try outbox.renewClaims(owner: "run", leaseUntil: now.addingTimeInterval(600))
        #expect(
            try outbox.recoverExpiredClaims(profileID: profile, now: now.addingTimeInterval(120), boot: Fixtures.boot)
                == 0
        )
        #expect(try !outbox.hasWork(now: now.addingTimeInterval(120)))
    }

    @Test func releasedLettersGoBackUntouchedAndFreeTheirPlace() throws {
        let ids = try queued(3)
        _ = try claimed(ids, by: run)
        try outbox.finish(id: ids[0], owner: "run", .sent(reply: "250 OK"), now: now)
        try outbox.release(ids: [ids[1], ids[2]], owner: "run", now: now)
        let letters = try ids.map { try #require(try outbox.find(id: $0)) }
        #expect(letters.map(\.status) == [.sent, .queued, .queued])
        #expect(letters.dropFirst().allSatisfy { $0.attempts == 0 && !$0.possibleDuplicate })
        #expect(try places(ids) == [0, 0, 0])
        #expect(try outbox.sendHistory(profileID: profile, now: now).count == 1)
    }

    @Test func anInterruptedTestLetterFailsInsteadOfGoingLater() throws {
        let ids = try queued(1, isTest: true)
        _ = try claimed(ids, by: Claimant(owner: "check", boot: Fixtures.boot), leaseUntil: now.addingTimeInterval(60))
        try outbox.recoverExpiredClaims(profileID: profile, now: now.addingTimeInterval(120), boot: Fixtures.boot)
        let failed = try #require(try outbox.find(id: ids[0]))
        #expect(failed.status == .failed)
        #expect(failed.possibleDuplicate, "it was the letter in flight")
        #expect(try !outbox.hasWork(now: now.addingTimeInterval(3600)))
        // The journal's texts read back as the program's notes, shown in the panel's language.
        #expect(OutcomeText(recorded: failed.lastReply) == .note(.checkInterrupted, detail: ""))
        let attempt = try test.database.row("SELECT reply FROM attempts WHERE letter_id = ?", [ids[0]])
        #expect(OutcomeText(recorded: try attempt?.string("reply") ?? "") == .note(.runEnded, detail: ""))
    }

    @Test func aFailedLetterThatMayHaveLeftIsFlagged() throws {
        let ids = try queued(1)
        _ = try claimed(ids, by: run)
        try outbox.finish(
            id: ids[0],
            owner: "run",
            .failed(reply: "data: no answer in time", step: "data", mayHaveLeft: true),
            now: now
        )
        #expect(try outbox.find(id: ids[0])?.possibleDuplicate == true)
        #expect(try outbox.sendHistory(profileID: profile, now: now).count == 1)
    }

    @Test func aLetterMovedToAnotherProfileIsNotClaimedForTheOldOne() throws {
        let other = try test.addProfile("Другой")
        let ids = try queued(1)
        try test.database.execute("UPDATE letters SET profile_id = ? WHERE id = ?", [other, ids[0]])
        #expect(try claimed(ids, by: run).isEmpty)
        #expect(try outbox.find(id: ids[0])?.status == .queued)
        #expect(try outbox.sendHistory(profileID: profile, now: now).isEmpty)
    }

    @Test func aLetterClaimedBeforeThisSchemaIsReadByItsPhase() throws {
        // A run of the previous version recorded `data_sent` per letter and no order.
        let ids = try queued(2)
        _ = try claimed(ids, by: run, leaseUntil: now.addingTimeInterval(60))
        try test.database.execute("UPDATE letters SET claim_seq = NULL, claim_boot = NULL")
        try test.database.execute("UPDATE letters SET phase = 'data_sent' WHERE id = ?", [ids[1]])
        try outbox.recoverExpiredClaims(profileID: profile, now: now.addingTimeInterval(120), boot: Fixtures.boot)
        #expect(try ids.map { try outbox.find(id: $0)?.possibleDuplicate } == [false, true])
    }
}
