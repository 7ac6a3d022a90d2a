import Foundation
import MailTestSupport
import Testing

@testable import Storage

/// The per-quarter-hour tallies behind «Обзор»'s chart: kept when letters become sent or failed,
/// added up into the days of the shop's zone.
@Suite struct LetterTallyStoreTests {
    let test: TestDatabase
    let shop: Int64
    let other: Int64
    let outbox: OutboxStore
    let now = Fixtures.now
    let moscow = TimeZone(identifier: "Europe/Moscow")!

    init() throws {
        test = try TestDatabase()
        shop = try test.addProfile("Магазин")
        other = try test.addProfile("Рассылка")
        outbox = OutboxStore(test.database)
    }

    /// Queues a letter and ends its attempt at `at` the way `end` says, as a run would.
    @discardableResult
    private func letter(_ number: Int, profile: Int64, at: Date, _ end: AttemptEnd) throws -> Int64 {
        let id = try outbox.enqueue(
            NewLetter(
                profileID: profile,
                toAddress: "c\(number)@example.com",
                subject: "S",
                text: "T",
                messageID: "m\(number)@shop.example"
            ),
            now: at
        ).id
        _ = try outbox.claim(id: id, owner: "run", leaseUntil: at.addingTimeInterval(600), now: at)
        try outbox.finish(id: id, owner: "run", end, now: at)
        return id
    }

    private func day(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }

    @Test func sentAndFailedLettersCountOnTheirDayInTheShopsZone() throws {
        // 09:00 UTC is 12:00 in Moscow; 22:30 UTC is already the next day there.
        try letter(1, profile: shop, at: now, .sent(reply: "250 ok"))
        try letter(2, profile: shop, at: now.addingTimeInterval(60), .sent(reply: "250 ok"))
        try letter(3, profile: shop, at: now, .failed(reply: "550 no", step: "rcpt", mayHaveLeft: false))
        try letter(4, profile: other, at: now.addingTimeInterval(13.5 * 3600), .sent(reply: "250 ok"))
        let retried = try letter(
            5,
            profile: shop,
            at: now,
            .requeue(at: now.addingTimeInterval(60), reply: "451", step: "rcpt", countAttempt: true, mayHaveLeft: false)
        )
        #expect(try outbox.find(id: retried)?.status == .queued)

        let days = try LetterTallyStore(test.database).days(
            from: now.addingTimeInterval(-86_400),
            to: now.addingTimeInterval(86_400),
            timeZone: moscow
        )
        #expect(
            days == [
                LetterDay(day: day("2026-11-30T21:00:00Z"), profileID: shop, sent: 2, failed: 1),
                LetterDay(day: day("2026-12-01T21:00:00Z"), profileID: other, sent: 1, failed: 0),
            ]
        )
        let utc = try LetterTallyStore(test.database).days(
            from: now,
            to: now.addingTimeInterval(86_400),
            timeZone: .gmt
        )
        #expect(utc.map(\.day) == [day("2026-12-01T00:00:00Z"), day("2026-12-01T00:00:00Z")])
        #expect(utc.map(\.sent) == [2, 1])
    }

    @Test func daysOutsideTheRangeAreNotRead() throws {
        try letter(1, profile: shop, at: now.addingTimeInterval(-40 * 86_400), .sent(reply: "250 ok"))
        try letter(2, profile: shop, at: now, .sent(reply: "250 ok"))
        let days = try LetterTallyStore(test.database).days(
            from: now.addingTimeInterval(-29 * 86_400),
            to: now,
            timeZone: moscow
        )
        #expect(days.map(\.sent) == [1])
    }

    /// Runs may finish out of order: a letter that becomes sent in an earlier quarter hour than the
    /// last one counted counts on its own day, and the later days keep theirs.
    @Test func aLetterCountedOutOfOrderLeavesTheLaterDaysAsTheyWere() throws {
        try letter(1, profile: shop, at: now.addingTimeInterval(2 * 86_400), .sent(reply: "250 ok"))
        try letter(
            2,
            profile: shop,
            at: now.addingTimeInterval(86_400),
            .failed(reply: "550", step: "rcpt", mayHaveLeft: false)
        )
        try letter(3, profile: shop, at: now, .sent(reply: "250 ok"))
        try letter(4, profile: shop, at: now.addingTimeInterval(60), .sent(reply: "250 ok"))
        let days = try LetterTallyStore(test.database).days(
            from: now,
            to: now.addingTimeInterval(2 * 86_400),
            timeZone: moscow
        )
        #expect(
            days == [
                LetterDay(day: day("2026-11-30T21:00:00Z"), profileID: shop, sent: 2, failed: 0),
                LetterDay(day: day("2026-12-01T21:00:00Z"), profileID: shop, sent: 0, failed: 1),
                LetterDay(day: day("2026-12-02T21:00:00Z"), profileID: shop, sent: 1, failed: 0),
            ]
        )
    }

    /// The upgrade turns the quarter-hour tallies as they stand into running totals, and the
    /// triggers then add to those.
    @Test func theMigrationKeepsTheTalliesAsTheyStand() throws {
        try letter(1, profile: shop, at: now, .sent(reply: "250 ok"))
        try letter(2, profile: other, at: now, .failed(reply: "550", step: "rcpt", mayHaveLeft: false))
        try letter(3, profile: shop, at: now.addingTimeInterval(-86_400), .sent(reply: "250 ok"))
        // Back to the schema before the totals: the tallies, counted from the journal by their step.
        try test.database.executeScript(
            """
            DROP TRIGGER letter_totals_sent; DROP TRIGGER letter_totals_failed; DROP TABLE letter_totals;
            DROP TRIGGER send_counts_insert; DROP TRIGGER send_counts_delete; DROP TRIGGER send_counts_update;
            DROP TABLE send_counts;
            """
        )
        for table in ["CREATE TABLE letter_tallies", "CREATE TABLE letter_totals"] {
            try test.database.executeScript(try #require(Migrations.steps.first { $0.contains(table) }))
        }
        try letter(4, profile: shop, at: now.addingTimeInterval(60), .sent(reply: "250 ok"))
        let days = try LetterTallyStore(test.database).days(
            from: now.addingTimeInterval(-86_400),
            to: now,
            timeZone: moscow
        )
        #expect(
            days.map { [$0.profileID, Int64($0.sent), Int64($0.failed)] } == [
                [shop, 1, 0], [shop, 2, 0], [other, 0, 1],
            ]
        )
    }
}
