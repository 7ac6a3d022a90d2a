import Foundation
import MailTestSupport
import Testing

@testable import Storage

@Suite struct OutboxStoreTests {
    let test: TestDatabase
    let profile: Int64
    let outbox: OutboxStore
    let now = Fixtures.now

    init() throws {
        test = try TestDatabase()
        profile = try test.addProfile("Магазин")
        outbox = OutboxStore(test.database)
    }

    func letter(_ number: Int, priority: Bool = false, key: String? = nil) -> NewLetter {
        NewLetter(
            profileID: profile,
            toAddress: "c\(number)@example.com",
            subject: "S\(number)",
            text: "T",
            messageID: "m\(number)@shop.example",
            priority: priority,
            idempotencyKey: key
        )
    }

    @Test func idempotencyKeyGivesTheSameLetter() throws {
        let first = try outbox.enqueue(letter(1, key: "order-42"), now: now)
        let again = try outbox.enqueue(letter(2, key: "order-42"), now: now)
        #expect(first.isNew && !again.isNew)
        #expect(first.id == again.id)
        #expect(try test.database.integer("SELECT count(*) FROM letters") == 1)
    }

    @Test func dueLettersAreLongestWaitingFirstPerClass() throws {
        let ids = try (1...3).map { try outbox.enqueue(letter($0), now: now.addingTimeInterval(Double($0))).id }
        let priority = try outbox.enqueue(letter(9, priority: true), now: now).id
        let later = now.addingTimeInterval(10)
        #expect(try outbox.dueIDs(profileID: profile, priority: false, now: later, limit: 2) == Array(ids[0..<2]))
        #expect(try outbox.dueIDs(profileID: profile, priority: true, now: later, limit: 5) == [priority])
        #expect(try outbox.dueIDs(profileID: profile, priority: false, now: now, limit: 5).isEmpty)
    }

    @Test func planningReadsTheIndexOnly() throws {
        let plan = try test.database.rows(
            """
            EXPLAIN QUERY PLAN SELECT id FROM letters
            WHERE status = 'queued' AND profile_id = ? AND priority = ? AND next_attempt_at <= ?
                AND via_profile_id IS NULL
            ORDER BY next_attempt_at, id LIMIT ?
            """,
            [profile, false, now, 5]
        ).map { try $0.string("detail") }
        #expect(plan.contains { $0.contains("COVERING INDEX letters_due") }, "\(plan)")
    }

    @Test func claimCountsInTheLimitsAndHappensOnce() throws {
        let id = try outbox.enqueue(letter(1), now: now).id
        let claimed = try outbox.claim(id: id, owner: "run-a", leaseUntil: now.addingTimeInterval(300), now: now)
        #expect(claimed?.status == .sending)
        #expect(try outbox.claim(id: id, owner: "run-b", leaseUntil: now.addingTimeInterval(300), now: now) == nil)
        #expect(try outbox.sendHistory(profileID: profile, now: now).count == 1)
    }

    @Test func sentLetterKeepsItsSendAndJournal() throws {
        let id = try outbox.enqueue(letter(1), now: now).id
        _ = try outbox.claim(id: id, owner: "a", leaseUntil: now.addingTimeInterval(300), now: now)
        #expect(try outbox.finish(id: id, owner: "a", .sent(reply: "250 OK"), now: now))
        let stored = try #require(try outbox.find(id: id))
        #expect(stored.status == .sent && stored.attempts == 1 && stored.lastReply == "250 OK" && stored.sentAt == now)
        #expect(try outbox.sendHistory(profileID: profile, now: now).count == 1)
        #expect(try test.database.integer("SELECT count(*) FROM attempts WHERE letter_id = ?", [id]) == 1)
    }

    @Test func letterThatNeverLeftFreesItsPlaceInTheLimits() throws {
        let id = try outbox.enqueue(letter(1), now: now).id
        _ = try outbox.claim(id: id, owner: "a", leaseUntil: now.addingTimeInterval(300), now: now)
        let retryAt = now.addingTimeInterval(60)
        try outbox.finish(
            id: id,
            owner: "a",
            .requeue(at: retryAt, reply: "451 later", step: "recipient", countAttempt: true, mayHaveLeft: false),
            now: now
        )
        let stored = try #require(try outbox.find(id: id))
        #expect(stored.status == .queued && stored.attempts == 1 && stored.nextAttemptAt == retryAt)
        #expect(try outbox.sendHistory(profileID: profile, now: now).isEmpty)
    }

    @Test func deferredLetterKeepsItsAttemptCount() throws {
        let id = try outbox.enqueue(letter(1), now: now).id
        _ = try outbox.claim(id: id, owner: "a", leaseUntil: now.addingTimeInterval(300), now: now)
        try outbox.finish(
            id: id,
            owner: "a",
            .requeue(
                at: now,
                reply: "550 5.4.5 Daily user sending limit exceeded",
                step: "data",
                countAttempt: false,
                mayHaveLeft: false
            ),
            now: now
        )
        #expect(try outbox.find(id: id)?.attempts == 0)
    }

    @Test func lostClaimCannotBeFinished() throws {
        let id = try outbox.enqueue(letter(1), now: now).id
        _ = try outbox.claim(id: id, owner: "a", leaseUntil: now.addingTimeInterval(300), now: now)
        #expect(try !outbox.finish(id: id, owner: "someone-else", .sent(reply: "250"), now: now))
        #expect(try outbox.find(id: id)?.status == .sending)
    }

    @Test func idleQueueHasNoWork() throws {
        #expect(try !outbox.hasWork(now: now))
        let id = try outbox.enqueue(letter(1), now: now).id
        #expect(try outbox.hasWork(now: now))
        _ = try outbox.claim(id: id, owner: "a", leaseUntil: now.addingTimeInterval(300), now: now)
        try outbox.finish(
            id: id,
            owner: "a",
            .requeue(at: now.addingTimeInterval(3600), reply: "", step: "", countAttempt: true, mayHaveLeft: false),
            now: now
        )
        #expect(try !outbox.hasWork(now: now.addingTimeInterval(60)))
        #expect(try outbox.hasWork(now: now.addingTimeInterval(3600)))
    }
}
