import Foundation
import MailTestSupport
import Testing

@testable import Storage

@Suite struct JournalStoreTests {
    let test: TestDatabase
    let shop: Int64
    let other: Int64
    let outbox: OutboxStore
    let journal: JournalStore
    let now = Fixtures.now

    init() throws {
        test = try TestDatabase()
        shop = try test.addProfile("Магазин")
        other = try test.addProfile("Рассылка")
        outbox = OutboxStore(test.database)
        journal = JournalStore(test.database)
    }

    /// Queues a letter at `at` and takes it through a run to `status`, as the sender would.
    @discardableResult
    private func letter(
        _ number: Int,
        status: LetterStatus = .queued,
        profile: Int64? = nil,
        event: String = "order_placed",
        to: String? = nil,
        name: String = "",
        at: Date? = nil
    ) throws -> Int64 {
        let at = at ?? now
        let id = try outbox.enqueue(
            NewLetter(
                profileID: profile ?? shop,
                event: event,
                toAddress: to ?? "c\(number)@example.com",
                toName: name,
                subject: "S\(number)",
                text: "T",
                messageID: "m\(number)@shop.example"
            ),
            now: at
        ).id
        switch status {
        case .queued:
            break
        case .cancelled:
            #expect(try journal.cancel(id: id, now: at) == .done)
        case .sending, .sent, .failed:
            _ = try outbox.claim(id: id, owner: "run", leaseUntil: at.addingTimeInterval(300), now: at)
            if status == .sent { try outbox.finish(id: id, owner: "run", .sent(reply: "250 2.0.0 Ok"), now: at) }
            if status == .failed {
                try outbox.finish(
                    id: id,
                    owner: "run",
                    .failed(reply: "550 5.1.1 No such user", step: "recipient", mayHaveLeft: false),
                    now: at
                )
            }
        }
        return id
    }

    private func ids(_ filter: JournalFilter) throws -> [Int64] {
        try journal.page(filter, limit: 1_000).entries.map(\.id)
    }

    // MARK: - Filters

    @Test func filtersByStatusProfileAndEvent() throws {
        let queued = try letter(1)
        let sent = try letter(2, status: .sent)
        let failed = try letter(3, status: .failed, profile: other)
        let sending = try letter(4, status: .sending, event: "password_reset")
        let cancelled = try letter(5, status: .cancelled)
        #expect(try ids(JournalFilter()) == [cancelled, sending, failed, sent, queued])
        #expect(try ids(JournalFilter(status: .queued)) == [queued])
        #expect(try ids(JournalFilter(status: .sent)) == [sent])
        #expect(try ids(JournalFilter(status: .failed)) == [failed])
        #expect(try ids(JournalFilter(status: .sending)) == [sending])
        #expect(try ids(JournalFilter(status: .cancelled)) == [cancelled])
        #expect(try ids(JournalFilter(profileID: other)) == [failed])
        #expect(try ids(JournalFilter(event: "password_reset")) == [sending])
        #expect(try ids(JournalFilter(status: .failed, profileID: shop)).isEmpty)
        let entry = try #require(try journal.page(JournalFilter(status: .failed)).entries.first)
        #expect(entry.profileName == "Рассылка" && entry.attempts == 1 && entry.lastReply == "550 5.1.1 No such user")
    }

    @Test func recipientMatchesAnyPartInAnyCaseAndScript() throws {
        let ivanov = try letter(1, to: "ivan.petrov@mail.ru", name: "Иванов Пётр")
        let smith = try letter(2, to: "SMITH@Example.COM", name: "John Smith")
        let quoted = try letter(3, to: "x@example.org", name: "O\"Brien")
        #expect(try ids(JournalFilter(recipient: "иванов")) == [ivanov])
        #expect(try ids(JournalFilter(recipient: "ПЁТР")) == [ivanov])
        #expect(try ids(JournalFilter(recipient: "n.petrov@MAIL")) == [ivanov])
        #expect(try ids(JournalFilter(recipient: "smith")) == [smith])
        #expect(try ids(JournalFilter(recipient: "example")) == [quoted, smith])
        #expect(try ids(JournalFilter(recipient: "O\"Bri")) == [quoted])
        #expect(try ids(JournalFilter(recipient: "* OR x")).isEmpty, "search syntax is literal text")
        #expect(try ids(JournalFilter(recipient: "\0\0smith\0")) == [smith], "NUL never opens a quote")
        #expect(try ids(JournalFilter(recipient: "nobody")).isEmpty)
        #expect(try ids(JournalFilter(status: .queued, recipient: "example")) == [quoted, smith])
        #expect(try ids(JournalFilter(status: .sent, recipient: "example")).isEmpty)
    }

    @Test func dateRangeIsFromInclusiveToExclusive() throws {
        let day = 86_400.0
        let old = try letter(1, at: now.addingTimeInterval(-2 * day))
        let yesterday = try letter(2, at: now.addingTimeInterval(-day))
        let today = try letter(3, at: now)
        let from = now.addingTimeInterval(-day)
        #expect(try ids(JournalFilter(createdFrom: from)) == [today, yesterday])
        #expect(try ids(JournalFilter(createdBefore: now)) == [yesterday, old])
        #expect(try ids(JournalFilter(createdFrom: from, createdBefore: now)) == [yesterday])
        #expect(try ids(JournalFilter(createdFrom: now, createdBefore: from)).isEmpty)
    }

    // MARK: - Paging

    @Test func keysetPagingVisitsEveryLetterOnceNewestFirst() throws {
        var all: [Int64] = []
        for number in 1...130 {
            all.append(try letter(number, status: number % 3 == 0 ? .sent : .queued))
        }
        for filter in [JournalFilter(), JournalFilter(status: .queued), JournalFilter(recipient: "@example.com")] {
            var seen: [Int64] = []
            var before: Int64?
            var pages = 0
            repeat {
                let page = try journal.page(filter, before: before)
                #expect(page.entries.count <= JournalStore.pageSize)
                seen += page.entries.map(\.id)
                before = page.nextBefore
                pages += 1
            } while before != nil && pages < 10
            var expected: [Int64] = []
            try journal.forEach(filter) { expected.append($0.id) }
            #expect(seen == expected)
            #expect(seen == expected.sorted(by: >))
        }
        #expect(try journal.page(JournalFilter()).entries.count == 50)
        #expect(try journal.page(JournalFilter(), before: all[30]).entries.map(\.id) == Array(all[0..<30].reversed()))
        #expect(try journal.page(JournalFilter(), before: all[30]).nextBefore == nil)
        var exported = 0
        try journal.forEach(JournalFilter()) { _ in exported += 1 }
        #expect(exported == 130)
    }

    @Test func mainFiltersReadAnIndexNotTheWholeTable() throws {
        let filters: [(JournalFilter, String)] = [
            (JournalFilter(status: .failed), "letters_status"),
            (JournalFilter(profileID: shop), "letters_profile"),
            (JournalFilter(event: "order_paid"), "letters_event"),
            (JournalFilter(status: .failed, profileID: shop), "letters_status_profile"),
            (JournalFilter(createdFrom: now, createdBefore: now.addingTimeInterval(86_400)), "letters_created"),
        ]
        for (filter, index) in filters {
            for query in [JournalQuery.page(filter, before: 1_000, limit: 51), JournalQuery.all(filter)] {
                let plan = try plan(query)
                #expect(plan.contains { $0.contains("USING") && $0.contains(index) }, "\(index): \(plan)")
                #expect(!plan.contains(where: Self.scansLetters), "\(index): \(plan)")
            }
        }
        for (filter, step) in [
            (JournalFilter(status: .sent), "COVERING INDEX letters_status (status=? AND rowid<?)"),
            (
                JournalFilter(status: .failed, profileID: shop),
                "COVERING INDEX letters_status_profile (status=? AND profile_id=? AND rowid<?)"
            ),
        ] {
            let page = try plan(JournalQuery.page(filter, before: 1_000, limit: 51))
            #expect(page.contains { $0.contains(step) }, "\(page)")
            #expect(!page.contains { $0.contains("TEMP B-TREE") }, "ids come in order: \(page)")
        }
        let search = try plan(JournalQuery.page(JournalFilter(recipient: "ivan"), before: 1_000, limit: 51))
        #expect(search.contains { $0.hasPrefix("SCAN letters_search VIRTUAL TABLE") }, "\(search)")
        #expect(!search.contains(where: Self.scansLetters), "\(search)")
        let newest = try plan(JournalQuery.page(JournalFilter(), before: 1_000, limit: 51))
        #expect(!newest.contains(where: Self.scansLetters), "\(newest)")
        // Leaving test letters out reads rows newest first and stops at the page's end: no sort.
        for filter in [JournalFilter(hidesTests: true), JournalFilter(status: .sent, hidesTests: true)] {
            let page = try plan(JournalQuery.page(filter, before: 1_000, limit: 51))
            #expect(!page.contains { $0.contains("TEMP B-TREE") }, "ids come in order: \(page)")
        }
    }

    /// A step that reads the whole table or a whole index of it (`SCAN l`, `SCAN l USING …`).
    static func scansLetters(_ step: String) -> Bool {
        let words = step.split(separator: " ")
        return words.count >= 2 && words[0] == "SCAN" && (words[1] == "l" || words[1] == "letters")
    }

    private func plan(_ query: JournalQuery) throws -> [String] {
        try test.database.rows("EXPLAIN QUERY PLAN " + query.sql, query.arguments).map { try $0.string("detail") }
    }

    @Test func lettersQueuedBeforeTheUpgradeAreFound() throws {
        let directory = TemporaryDirectory()
        let db = try Database(path: directory.file("old.sqlite"), migrate: false)
        for script in Migrations.steps.prefix(3) { try db.executeScript(script) }
        try db.execute("PRAGMA user_version = 3")
        try db.execute(
            """
            INSERT INTO letters (to_address, to_name, subject, body_text, message_id, next_attempt_at, created_at, updated_at)
            VALUES ('old@example.com', 'Старый Клиент', 'S', 'T', 'm@x', 0, 0, 0)
            """
        )
        try Migrations.apply(to: db)
        #expect(
            try JournalStore(db).page(JournalFilter(recipient: "старый")).entries.map(\.toAddress) == [
                "old@example.com"
            ]
        )
    }

    // MARK: - The letter

    @Test func letterComesWithItsAttemptsInOrder() throws {
        let id = try letter(1)
        _ = try outbox.claim(id: id, owner: "a", leaseUntil: now.addingTimeInterval(300), now: now)
        try outbox.finish(
            id: id,
            owner: "a",
            .requeue(
                at: now.addingTimeInterval(60),
                reply: "451 4.7.1 Try later",
                step: "recipient",
                countAttempt: true,
                mayHaveLeft: false
            ),
            now: now
        )
        let later = now.addingTimeInterval(60)
        _ = try outbox.claim(id: id, owner: "b", leaseUntil: later.addingTimeInterval(300), now: later)
        try outbox.finish(id: id, owner: "b", .sent(reply: "250 Ok"), now: later)
        let found = try #require(try journal.letter(id: id))
        #expect(found.letter.status == .sent && found.letter.subject == "S1")
        #expect(found.attempts.map(\.outcome) == ["retry", "sent"])
        #expect(found.attempts.map(\.step) == ["recipient", ""])
        #expect(found.attempts.map(\.reply) == ["451 4.7.1 Try later", "250 Ok"])
        #expect(try journal.letter(id: 999) == nil)
    }

    // MARK: - Actions

    @Test func retryNowRequeuesOnlyAFailedLetter() throws {
        let failed = try letter(1, status: .failed)
        let later = now.addingTimeInterval(3_600)
        #expect(try journal.retryNow(id: failed, now: later) == .done)
        let stored = try #require(try outbox.find(id: failed))
        #expect(stored.status == .queued && stored.nextAttemptAt == later && stored.attempts == 1)
        #expect(stored.lastReply == "550 5.1.1 No such user")
        #expect(try journal.letter(id: failed)?.attempts.map(\.outcome) == ["failed", "admin_retry"])
        #expect(try outbox.dueIDs(profileID: shop, priority: false, now: later, limit: 10) == [failed])

        // Queued and due already: nothing changes, nothing is journalled.
        #expect(try journal.retryNow(id: failed, now: later) == .done)
        #expect(try journal.letter(id: failed)?.attempts.map(\.outcome) == ["failed", "admin_retry"])
        let sent = try letter(2, status: .sent)
        #expect(try journal.retryNow(id: sent, now: later) == .refused(current: .sent))
        #expect(try outbox.find(id: sent)?.status == .sent)
        #expect(try journal.letter(id: sent)?.attempts.map(\.outcome) == ["sent"])
        #expect(try journal.retryNow(id: try letter(3, status: .sending), now: later) == .refused(current: .sending))
        #expect(
            try journal.retryNow(id: try letter(4, status: .cancelled), now: later) == .refused(current: .cancelled)
        )
        #expect(try journal.retryNow(id: 999, now: later) == .notFound)
    }

    @Test func retryNowMakesAQueuedLetterWaitingForItsNextAttemptDueAtOnce() throws {
        let waiting = try letter(1)
        let later = now.addingTimeInterval(3_600)
        try test.database.execute("UPDATE letters SET next_attempt_at = ? WHERE id = ?", [later, waiting])
        #expect(try journal.retryNow(id: waiting, now: now) == .done)
        #expect(try outbox.find(id: waiting)?.nextAttemptAt == now)
        #expect(try journal.letter(id: waiting)?.attempts.map(\.outcome) == ["admin_retry"])
        #expect(try outbox.dueIDs(profileID: shop, priority: false, now: now, limit: 10) == [waiting])
    }

    @Test func testLettersCanBeLeftOut() throws {
        let order = try letter(1)
        let check = try outbox.enqueue(
            NewLetter(
                profileID: shop,
                event: "test",
                toAddress: "t@example.com",
                subject: "Проверка",
                text: "T",
                messageID: "t1@shop.example",
                priority: true,
                isTest: true
            ),
            now: now
        ).id
        #expect(try ids(JournalFilter()) == [check, order])
        #expect(try ids(JournalFilter(hidesTests: true)) == [order])
        #expect(try ids(JournalFilter(recipient: "example", hidesTests: true)) == [order])
        #expect(try ids(JournalFilter(createdFrom: now, hidesTests: true)) == [order])
    }

    @Test func retryOfALetterWhoseProfileWasDeletedGoesThroughTheDefault() throws {
        let failed = try letter(1, status: .failed, profile: other)
        try ProfileStore(test.database).delete(id: other, now: now)
        #expect(try outbox.find(id: failed)?.profileID == nil)
        #expect(try journal.retryNow(id: failed, now: now) == .done)
        let stored = try #require(try outbox.find(id: failed))
        #expect(stored.profileID == shop && stored.profileName == "Магазин" && stored.status == .queued)
    }

    @Test func cancelStopsOnlyAQueuedLetter() throws {
        let queued = try letter(1)
        #expect(try journal.cancel(id: queued, now: now) == .done)
        #expect(try outbox.find(id: queued)?.status == .cancelled)
        #expect(try outbox.claim(id: queued, owner: "run", leaseUntil: now.addingTimeInterval(300), now: now) == nil)
        #expect(try journal.letter(id: queued)?.attempts.map(\.outcome) == ["admin_cancel"])
        #expect(try journal.cancel(id: queued, now: now) == .refused(current: .cancelled))

        let sending = try letter(2, status: .sending)
        #expect(try journal.cancel(id: sending, now: now) == .refused(current: .sending))
        #expect(try outbox.find(id: sending)?.status == .sending)
        #expect(try outbox.finish(id: sending, owner: "run", .sent(reply: "250"), now: now), "the run keeps its claim")
        #expect(try journal.cancel(id: try letter(3, status: .sent), now: now) == .refused(current: .sent))
        #expect(try journal.cancel(id: try letter(4, status: .failed), now: now) == .refused(current: .failed))
        #expect(try journal.cancel(id: 999, now: now) == .notFound)
    }

    @Test func retryFailedRequeuesEveryFailedLetterOfOneProfile() throws {
        let failed = [try letter(1, status: .failed), try letter(2, status: .failed), try letter(3, status: .failed)]
        let othersFailed = try letter(4, status: .failed, profile: other)
        let sent = try letter(5, status: .sent)
        #expect(try journal.failedCount(profileID: shop) == 3)
        let later = now.addingTimeInterval(600)
        #expect(try journal.retryFailed(profileID: shop, now: later) == 3)
        for id in failed {
            let stored = try #require(try outbox.find(id: id))
            #expect(stored.status == .queued && stored.nextAttemptAt == later && stored.attempts == 1)
            #expect(try journal.letter(id: id)?.attempts.last?.outcome == "admin_retry")
        }
        #expect(try outbox.find(id: othersFailed)?.status == .failed)
        #expect(try outbox.find(id: sent)?.status == .sent)
        #expect(try journal.failedCount(profileID: shop) == 0)
        #expect(try journal.retryFailed(profileID: shop, now: later) == 0)
        #expect(try journal.retryFailed(profileID: 999, now: later) == 0)
    }

    /// The count «Журнал» shows is the count of the letters, whatever moved them in or out of
    /// `failed`: a run, a retry, all failed letters of a profile again, a deleted profile.
    @Test func failedCountsFollowEveryChange() throws {
        func expectCounted(_ line: Int = #line) throws {
            for profile in [shop, other] {
                let counted = try test.database.integer(
                    "SELECT count(*) FROM letters WHERE status = 'failed' AND profile_id = ?",
                    [profile]
                )
                #expect(try journal.failedCount(profileID: profile) == Int(counted), "line \(line)")
            }
        }
        try expectCounted()
        let failed = [try letter(1, status: .failed), try letter(2, status: .failed), try letter(3, status: .failed)]
        try letter(4, status: .failed, profile: other)
        try letter(5, status: .sent)
        try letter(6, status: .cancelled)
        try expectCounted()
        #expect(try journal.failedCount(profileID: shop) == 3)
        #expect(try journal.retryNow(id: failed[0], now: now) == .done)
        try expectCounted()
        _ = try outbox.claim(id: failed[0], owner: "run", leaseUntil: now.addingTimeInterval(300), now: now)
        try outbox.finish(
            id: failed[0],
            owner: "run",
            .failed(reply: "550", step: "recipient", mayHaveLeft: false),
            now: now
        )
        try expectCounted()
        #expect(try journal.retryFailed(profileID: shop, now: now) == 3)
        try expectCounted()
        try test.database.execute("DELETE FROM letters WHERE profile_id = ? AND status = 'failed'", [other])
        try expectCounted()
        try letter(7, status: .failed, profile: other)
        try ProfileStore(test.database).makeDefault(id: shop, now: now)
        try ProfileStore(test.database).delete(id: other, now: now)
        #expect(try journal.failedCount(profileID: other) == 0)
        #expect(try test.database.integer("SELECT count(*) FROM failed_counts WHERE profile_id = ?", [other]) == 0)
        try expectCounted()
    }

    /// A database that had failed letters before the counts existed starts with them counted.
    @Test func theMigrationCountsTheLettersAlreadyThere() throws {
        let folder = TemporaryDirectory()
        let database = try Database(path: folder.file("old.sqlite"), migrate: false)
        for script in Migrations.steps.prefix(4) { try database.executeScript(script) }
        try database.execute("PRAGMA user_version = 4")
        try database.executeScript(
            """
            INSERT INTO profiles (id, name, host, port, security, sender_email, login, password_sealed, max_per_day,
                interval_minutes, batch_size, priority_per_day, created_at, updated_at)
                VALUES (1, 'a', 'h', 25, 'none', 'a@b.example', 'l', x'00', 10, 0, 1, 0, 0, 0),
                       (2, 'b', 'h', 25, 'none', 'a@b.example', 'l', x'00', 10, 0, 1, 0, 0, 0);
            INSERT INTO letters (profile_id, to_address, subject, body_text, message_id, status, next_attempt_at,
                created_at, updated_at)
                VALUES (1, 'x@y.example', 's', 't', 'm1', 'failed', 0, 0, 0),
                       (1, 'x@y.example', 's', 't', 'm2', 'failed', 0, 0, 0),
                       (2, 'x@y.example', 's', 't', 'm3', 'sent', 0, 0, 0);
            """
        )
        try Migrations.apply(to: database)
        #expect(try JournalStore(database).failedCount(profileID: 1) == 2)
        #expect(try JournalStore(database).failedCount(profileID: 2) == 0)
    }
}
