import Foundation
import MailCore
import MailTestSupport
import Testing

@testable import Storage

/// Letters carried by a reserve: claimed under the reserve, counted in its limits, recorded as
/// sent by it; an ambiguous letter never moves to another mailbox.
extension OutboxStoreTests {
    private var reserveRun: Claimant { Claimant(owner: "reserve-run", boot: Fixtures.boot) }

    private func spare() throws -> Int64 {
        try test.addProfile("Запасной")
    }

    /// Claims `id` for its own profile, in the same run.
    private func claimOwn(_ id: Int64) throws {
        _ = try outbox.claim(
            ids: [id],
            profileID: profile,
            by: reserveRun,
            leaseUntil: now.addingTimeInterval(60),
            now: now
        )
    }

    /// Ends the run's attempt at `id` with a retry; `mayHaveLeft`: the message may have gone out.
    private func requeue(_ id: Int64, reply: String, step: String, mayHaveLeft: Bool) throws {
        try outbox.finish(
            id: id,
            owner: "reserve-run",
            .requeue(at: now, reply: reply, step: step, countAttempt: true, mayHaveLeft: mayHaveLeft),
            now: now
        )
    }

    private func claimThrough(_ reserve: Int64, _ ids: [Int64], now: Date? = nil) throws -> [StoredLetter] {
        let at = now ?? self.now
        return try outbox.claim(
            ids: ids,
            borrowed: Set(ids),
            profileID: reserve,
            by: reserveRun,
            leaseUntil: at.addingTimeInterval(600),
            now: at
        )
    }

    @Test func aCarriedLetterCountsInTheReservesLimitsAndRecordsWhoSentIt() throws {
        let reserve = try spare()
        let id = try outbox.enqueue(letter(1), now: now).id
        #expect(
            try outbox.borrowableIDs(carrierID: reserve, profileIDs: [profile], priority: false, now: now, limit: 5)
                == [id]
        )
        let claimed = try claimThrough(reserve, [id])
        #expect(claimed.map(\.viaProfileID) == [reserve])
        #expect(try outbox.sendHistory(profileID: reserve, now: now).count == 1)
        #expect(try outbox.sendHistory(profileID: profile, now: now).isEmpty)
        #expect(
            try outbox.finish(id: id, owner: "reserve-run", .sent(reply: "250 OK", from: "spare@example.com"), now: now)
        )
        let sent = try #require(try outbox.find(id: id))
        #expect(sent.status == .sent && sent.viaReserve && sent.sentProfileName == "Запасной")
        #expect(sent.sentFrom == "spare@example.com" && sent.profileID == profile && sent.profileName == "Магазин")
        let attempt = try test.database.row("SELECT profile_name FROM attempts WHERE letter_id = ?", [id])
        #expect(try attempt?.string("profile_name") == "Запасной")
    }

    @Test func anOwnSendRecordsTheOwnProfile() throws {
        let id = try outbox.enqueue(letter(1), now: now).id
        try claimOwn(id)
        try outbox.finish(id: id, owner: "reserve-run", .sent(reply: "250 OK", from: "shop@example.com"), now: now)
        let sent = try #require(try outbox.find(id: id))
        #expect(!sent.viaReserve && sent.sentProfileName == "Магазин" && sent.sentFrom == "shop@example.com")
    }

    @Test func anAmbiguousLetterIsNeverMovedToAReserve() throws {
        let reserve = try spare()
        let id = try outbox.enqueue(letter(1), now: now).id
        try claimOwn(id)
        try requeue(id, reply: "no answer", step: "data", mayHaveLeft: true)
        #expect(
            try outbox.borrowableIDs(carrierID: reserve, profileIDs: [profile], priority: false, now: now, limit: 5)
                .isEmpty
        )
        #expect(try claimThrough(reserve, [id]).isEmpty, "the claim checks it again")
        #expect(
            try outbox.dueIDs(profileID: profile, priority: false, now: now, limit: 5) == [id],
            "it waits for its own"
        )
    }

    @Test func aLetterAmbiguousThroughTheReserveGoesAgainOnlyThroughIt() throws {
        let reserve = try spare()
        let id = try outbox.enqueue(letter(1), now: now).id
        _ = try claimThrough(reserve, [id])
        try requeue(id, reply: "no answer", step: "data", mayHaveLeft: true)
        #expect(
            try outbox.dueIDs(profileID: profile, priority: false, now: now, limit: 5).isEmpty,
            "not its own any more"
        )
        #expect(try outbox.profilesWithWork(now: now) == [reserve], "the reserve's to send, not its own profile's")
        #expect(
            try outbox.borrowableIDs(carrierID: reserve, profileIDs: [], priority: false, now: now, limit: 5) == [id]
        )
        #expect(try claimThrough(reserve, [id]).map(\.id) == [id])
        #expect(
            try outbox.claim(ids: [id], profileID: profile, by: reserveRun, leaseUntil: now, now: now).isEmpty,
            "its own profile cannot take it"
        )
    }

    @Test func aPlainRetryThroughTheReserveFreesTheLetter() throws {
        let reserve = try spare()
        let id = try outbox.enqueue(letter(1), now: now).id
        _ = try claimThrough(reserve, [id])
        try requeue(id, reply: "451 later", step: "recipient", mayHaveLeft: false)
        #expect(try outbox.find(id: id)?.viaProfileID == nil)
        #expect(try outbox.dueIDs(profileID: profile, priority: false, now: now, limit: 5) == [id])
        #expect(try outbox.sendHistory(profileID: reserve, now: now).isEmpty, "it did not leave: no count")
    }

    @Test func aDeadReserveRunsClaimsAreTakenBackByTheReserve() throws {
        let reserve = try spare()
        let ids = try (1...2).map { try outbox.enqueue(letter($0), now: now).id }
        _ = try claimThrough(reserve, ids)
        let later = now.addingTimeInterval(700)
        #expect(try outbox.profilesWithWork(now: later) == [reserve])
        #expect(try outbox.recoverExpiredClaims(profileID: profile, now: later, boot: Fixtures.boot) == 0)
        #expect(try outbox.recoverExpiredClaims(profileID: reserve, now: later, boot: Fixtures.boot) == 2)
        let first = try #require(try outbox.find(id: ids[0]))
        let second = try #require(try outbox.find(id: ids[1]))
        #expect(first.possibleDuplicate && first.viaProfileID == reserve, "the one on the wire stays with the reserve")
        #expect(!second.possibleDuplicate && second.viaProfileID == nil, "never tried: free again")
        #expect(try outbox.sendHistory(profileID: reserve, now: later).count == 1)
    }

    @Test func releasedLettersAreFreeAgain() throws {
        let reserve = try spare()
        let id = try outbox.enqueue(letter(1), now: now).id
        _ = try claimThrough(reserve, [id])
        try outbox.release(ids: [id], owner: "reserve-run", now: now)
        let letter = try #require(try outbox.find(id: id))
        #expect(letter.status == .queued && letter.viaProfileID == nil)
        #expect(try outbox.sendHistory(profileID: reserve, now: now).isEmpty)
    }
}
