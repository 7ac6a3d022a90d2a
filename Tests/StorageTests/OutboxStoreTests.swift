import Foundation
import MailCore
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

    /// The letters held for a reserve are found on their own index: never by walking every due
    /// letter (letters_next) or every queued one (letters_status_profile) and reading its row.
    @Test(arguments: [
        (OutboxStore.profilesWithWorkSQL, 4, "letters_next"), (OutboxStore.heldForSQL, 4, "letters_next"),
        (OutboxStore.heldSQL, 0, "letters_status_profile"),
    ])
    func heldLettersAreFoundOnTheirIndex(sql: String, arguments: Int, walk: String) throws {
        let plan = try test.database.rows("EXPLAIN QUERY PLAN " + sql, Array(repeating: 0, count: arguments)).map {
            try $0.string("detail")
        }
        #expect(plan.contains { $0.contains("INDEX letters_via") }, "\(plan)")
        #expect(!plan.contains { $0.contains(walk) }, "\(plan)")
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

/// What the forecast reads of the queue: counts of due and later letters, and a letter's place.
@Suite struct OutboxStoreForecastTests {
    let test: TestDatabase
    let profile: Int64
    let outbox: OutboxStore
    let now = Fixtures.now

    init() throws {
        test = try TestDatabase()
        profile = try test.addProfile("Магазин")
        outbox = OutboxStore(test.database)
    }

    private func enqueue(_ number: Int, priority: Bool = false, at: Date) throws -> Int64 {
        try outbox.enqueue(
            NewLetter(
                profileID: profile,
                toAddress: "c\(number)@example.com",
                subject: "S",
                text: "T",
                messageID: "m\(number)@shop.example",
                priority: priority
            ),
            now: at
        ).id
    }

    @Test func waitingCountsDueAndLaterLettersPerClass() throws {
        let ids = try (0..<4).map { try enqueue($0, at: now.addingTimeInterval(Double($0))) }
        _ = try enqueue(9, priority: true, at: now)
        let later = now.addingTimeInterval(3600)
        try test.database.execute("UPDATE letters SET next_attempt_at = ? WHERE id = ?", [later, ids[0]])
        let waiting = try outbox.waitingOwn(profileID: profile, now: now.addingTimeInterval(10))
        #expect(waiting.regular.due == 3 && waiting.regular.later == [later: 1])
        #expect(waiting.priority.due == 1 && waiting.priority.later.isEmpty)
        // The retry now waits behind the others: its place follows its next attempt.
        let movable = ForecastSource(profileID: profile, kind: .movable)
        func rank(_ id: Int64) throws -> Int {
            let letter = try #require(try outbox.find(id: id))
            let key = QueueKey(nextAttemptAt: letter.nextAttemptAt, id: id)
            return try outbox.count(before: key, in: movable, isPriority: letter.priority)
        }
        #expect(try ids.map(rank) == [3, 0, 1, 2])
        _ = try outbox.claim(id: ids[1], owner: "run", leaseUntil: later, now: now)
        #expect(try rank(ids[2]) == 0, "a letter no longer queued is not counted")
    }

    /// Letters that share a moment (a batch of retries) take their places by id, and a limit
    /// stops the count.
    @Test func lettersOfOneMomentArePlacedByTheirIDs() throws {
        let moment = now.addingTimeInterval(600)
        let ids = try (0..<8).map { try enqueue($0, at: now) }
        try test.database.execute(
            "UPDATE letters SET next_attempt_at = ? WHERE id BETWEEN ? AND ?",
            [moment, ids[1], ids[5]]
        )
        try test.database.execute(
            "UPDATE letters SET next_attempt_at = ? WHERE id = ?",
            [moment.addingTimeInterval(60), ids[0]]
        )
        // The queue's order: 6, 7 (due now), 1…5 (the moment), 0 (a minute later).
        let movable = ForecastSource(profileID: profile, kind: .movable)
        let key = QueueKey(nextAttemptAt: moment, id: ids[3])
        #expect(try outbox.count(before: key, in: movable, isPriority: false) == 4)
        #expect(try outbox.count(after: key, in: movable, isPriority: false, limit: 10) == 3)
        #expect(try outbox.count(after: key, in: movable, isPriority: false, limit: 2) == 2)
        #expect(try outbox.count(after: key, in: movable, isPriority: false, limit: 3) == 3)
    }

    /// The groups a reserve routes differently: letters that never move, letters held for a
    /// reserve, and the queue's order over several groups.
    @Test func groupsOfLettersAndTheirOrderTogether() throws {
        let reserve = try test.addProfile("Резерв")
        let ids = try (0..<6).map { try enqueue($0, at: now.addingTimeInterval(Double($0))) }
        let later = now.addingTimeInterval(600)
        try test.database.execute("UPDATE letters SET possible_duplicate = 1 WHERE id = ?", [ids[1]])
        try test.database.execute("UPDATE letters SET is_test = 1, next_attempt_at = ? WHERE id = ?", [later, ids[4]])
        try test.database.execute(
            "UPDATE letters SET via_profile_id = ? WHERE id IN (?, ?)",
            [reserve, ids[2], ids[5]]
        )
        let at = now.addingTimeInterval(10)
        let fixed = try outbox.waitingFixed(profileID: profile, now: at)
        #expect(fixed.regular == WaitingLetters(due: 1, later: [later: 1]) && fixed.priority.total == 0)
        #expect(try outbox.waitingOwn(profileID: profile, now: at).regular.total == 4, "held letters are not its own")
        let via = try outbox.waitingVia(now: at)
        #expect(via.count == 1 && via[0].profileID == profile && via[0].reserveID == reserve)
        #expect(via.first?.letters.regular == WaitingLetters(due: 2))

        let movable = ForecastSource(profileID: profile, kind: .movable)
        let fixedSource = ForecastSource(profileID: profile, kind: .fixed)
        let held = ForecastSource(profileID: profile, kind: .via(reserve))
        func key(_ id: Int64) throws -> QueueKey {
            QueueKey(nextAttemptAt: try #require(try outbox.find(id: id)).nextAttemptAt, id: id)
        }
        // Movable: ids 0 and 3; fixed: 1 and 4 (later); held: 2 and 5.
        #expect(try outbox.count(before: key(ids[5]), in: movable, isPriority: false) == 2)
        #expect(try outbox.count(before: key(ids[5]), in: fixedSource, isPriority: false) == 1)
        #expect(try outbox.count(before: key(ids[5]), in: held, isPriority: false) == 1)
        // Merged in the queue's order, less the first of each group: 3, 1, 4 (later), …
        let tails = [(source: movable, offset: 1), (source: fixedSource, offset: 0)]
        #expect(try outbox.key(at: 0, merging: tails, isPriority: false) == key(ids[1]))
        #expect(try outbox.key(at: 1, merging: tails, isPriority: false) == key(ids[3]))
        #expect(try outbox.key(at: 2, merging: tails, isPriority: false) == key(ids[4]))
        #expect(try outbox.key(at: 3, merging: tails, isPriority: false) == nil)
        #expect(try outbox.key(at: 1, merging: [(held, 0)], isPriority: false) == key(ids[5]))
    }

    /// The triggers' counts of each profile's queued letters (not held for a reserve), whole and
    /// per moment they fall due, stay the queue's own through everything that moves a letter in or
    /// out or changes its next attempt: queuing, claims, sending, a retry, «Отправить сейчас»,
    /// cancelling, a reserve's hold, a deleted profile's letters moving to the default, a deleted
    /// letter, failed letters queued again.
    @Test func queueCountsFollowTheQueue() throws {
        let other = try test.addProfile("Другой", isDefault: true)
        let at = now.addingTimeInterval(60)
        func counted(_ id: Int64) throws -> WaitingQueue {
            let rows = try test.database.rows(
                """
                SELECT priority, next_attempt_at, count(*) AS n FROM letters
                WHERE status = 'queued' AND via_profile_id IS NULL AND profile_id = ?
                GROUP BY priority, next_attempt_at
                """,
                [id]
            )
            var queue = WaitingQueue()
            for row in rows {
                let moment = try row.date("next_attempt_at")
                let isPriority = try row.bool("priority")
                if moment <= at {
                    queue[isPriority].due += try row.int("n")
                } else {
                    queue[isPriority].later[moment] = try row.int("n")
                }
            }
            return queue
        }
        func check(_ step: String) throws {
            for id in [profile, other] {
                #expect(try outbox.waitingOwn(profileID: id, now: at) == counted(id), "\(step), profile \(id)")
            }
            let moments = try test.database.integer("SELECT count(*) FROM queue_times WHERE queued <= 0")
            #expect(moments == 0, "\(step): a moment without letters is not kept")
        }
        let ids = try (0..<8).map { try enqueue($0, priority: $0 % 3 == 0, at: now) }
        try check("queued")
        _ = try outbox.claim(id: ids[0], owner: "run", leaseUntil: now.addingTimeInterval(300), now: now)
        _ = try outbox.claim(id: ids[1], owner: "run", leaseUntil: now.addingTimeInterval(300), now: now)
        try check("claimed")
        _ = try outbox.finish(id: ids[0], owner: "run", .sent(reply: "250 OK"), now: now)
        let retry = AttemptEnd.requeue(
            at: now.addingTimeInterval(600),
            reply: "451",
            step: "data",
            countAttempt: true,
            mayHaveLeft: false
        )
        _ = try outbox.finish(id: ids[1], owner: "run", retry, now: now)
        try check("sent and retried")
        #expect(try counted(profile).regular.later.count == 1, "the retry falls due later")
        _ = try JournalStore(test.database).retryNow(id: ids[1], now: now)
        try check("sent now")
        _ = try JournalStore(test.database).cancel(id: ids[2], now: now)
        try test.database.execute("UPDATE letters SET via_profile_id = ? WHERE id = ?", [other, ids[3]])
        try check("cancelled and held for a reserve")
        try ProfileStore(test.database).delete(id: profile, now: now)
        try check("moved to the default profile")
        try test.database.execute("DELETE FROM letters WHERE id = ?", [ids[4]])
        try check("deleted")
        _ = try outbox.claim(id: ids[5], owner: "run", leaseUntil: now.addingTimeInterval(300), now: now)
        _ = try outbox.finish(
            id: ids[5],
            owner: "run",
            .failed(reply: "550", step: "rcpt", mayHaveLeft: false),
            now: now
        )
        #expect(try JournalStore(test.database).retryFailed(profileID: other, now: at.addingTimeInterval(600)) == 1)
        try check("failed and queued again")
        #expect(try counted(other).totals == ClassCounts(priority: 1, regular: 3))
        let queued = try outbox.queuedCount(profileID: other)
        #expect(queued.priority == 2 && queued.regular == 3, "with the priority letter held for a reserve")
    }
}
