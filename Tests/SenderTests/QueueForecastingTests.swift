import Foundation
import MailCore
import MailTestSupport
import Sender
import Testing

@testable import Storage

/// The forecast read from the database: each queued letter's expected time, and runs at those
/// times send exactly those letters.
@Suite struct QueueForecastingTests {
    private let minute: TimeInterval = 60

    /// The connection keeps its forecast, and the forecast does not keep the connection: one
    /// opened for a command or a run still closes.
    @Test func aKeptForecastLetsItsConnectionClose() throws {
        let folder = TemporaryDirectory()
        weak var closed: Database?
        do {
            let db = try Database(path: folder.file("mailrobot.sqlite"))
            let forecast = try QueueForecasting(db).forecast(now: Fixtures.now)
            #expect(try forecast.nextSendAt(of: 1) == nil)
            closed = db
        }
        #expect(closed == nil)
    }

    /// The forecast is made as of its first run: a send committed a moment after `now`, before that
    /// run, uses the day's only place, and the waiting letter goes when it leaves the 24 hours.
    @Test func aSendJustAfterNowCountsInTheForecast() throws {
        let h = try SenderHarness()
        let profile = try h.addProfile(
            "Магазин",
            limits: ProfileLimits(maxPerDay: 1, intervalMinutes: 0, batchSize: 1, priorityPerDay: 0)
        )
        let letter = try h.enqueue("c@example.com")
        h.clock.advance(by: 10)
        let now = h.clock.now()
        try h.db.execute(
            "INSERT INTO sends (profile_id, priority, at) VALUES (?, 0, ?)",
            [profile, now.addingTimeInterval(30)]
        )
        let expected = try QueueForecasting(h.db).expectedAt(try h.letter(letter), now: now)
        #expect(expected == Fixtures.now.addingTimeInterval(86_400 + minute))
    }

    @Test func queuedLettersLeaveAtTheirExpectedTimes() throws {
        let h = try SenderHarness()
        let id = try h.addProfile(
            "Магазин",
            limits: ProfileLimits(maxPerDay: 20, intervalMinutes: 5, batchSize: 5, priorityPerDay: 5)
        )
        let start = h.clock.now()
        let regular = try (0..<12).map { try h.enqueue("c\($0)@example.com") }
        let priority = try (0..<2).map { try h.enqueue("p\($0)@example.com", priority: true) }
        try h.run(.acceptingAll())
        // Two priority and three regular letters went at 09:00; five more at 09:05, four at 09:10.
        h.clock.advance(by: 10)
        let forecasting = QueueForecasting(h.db)
        func expected(_ letter: Int64) throws -> Date? {
            try forecasting.expectedAt(try h.letter(letter), now: h.clock.now())
        }
        #expect(try expected(priority[0]) == nil, "sent: no longer waits")
        #expect(try expected(regular[2]) == nil)
        #expect(try regular[3...7].map(expected) == Array(repeating: start.addingTimeInterval(5 * minute), count: 5))
        #expect(try regular[8...].map(expected) == Array(repeating: start.addingTimeInterval(10 * minute), count: 4))

        let status = try #require(try ProfileStatus.all(database: h.db, now: h.clock.now()).first)
        #expect(status.nextSendAt == start.addingTimeInterval(5 * minute))
        #expect(status.queueEnd == .at(start.addingTimeInterval(10 * minute)))
        #expect(status.text(.ru).contains("  очередь опустеет к: 01.12.2026 12:10:00"))
        #expect(status.text(.en).contains("  queue empty by: 01.12.2026 12:10:00"))

        for offset in [4, 5, 9, 10] {
            h.clock.set(start.addingTimeInterval(Double(offset) * minute))
            try h.run(.acceptingAll())
        }
        for letter in regular[3...] {
            #expect(
                try h.letter(letter).sentAt
                    == (letter <= regular[7]
                        ? start.addingTimeInterval(5 * minute) : start.addingTimeInterval(10 * minute))
            )
        }
        #expect(try ProfileStatus.all(database: h.db, now: h.clock.now()).first?.queueEnd == .nothingWaits)

        try ProfileStore(h.db).markBroken(id: id, reply: "535 no", now: h.clock.now())
        let late = try h.enqueue("late@example.com")
        #expect(try expected(late) == nil, "a broken profile sends nothing")
        #expect(try ProfileStatus.all(database: h.db, now: h.clock.now()).first?.queueEnd == .never)
    }

    /// A profile paused for two hours with a reserve: its letters go through the reserve (after
    /// the reserve's own, within its ten a day), then, once the pause ends, the rest through the
    /// profile itself, with its letter that never moves («возможен дубль») in its place. The
    /// API's `expected_at` of every letter and the status say so, and runs every minute send each
    /// letter then.
    @Test func aPausedProfilesLettersGoThroughItsReserveThenBack() throws {
        let h = try SenderHarness()
        let spare = try h.addProfile(
            "Запасной",
            limits: ProfileLimits(maxPerDay: 10, intervalMinutes: 5, batchSize: 2, priorityPerDay: 0)
        )
        let shop = try h.addProfile(
            "Магазин",
            isDefault: true,
            limits: ProfileLimits(maxPerDay: 50, intervalMinutes: 0, batchSize: 5, priorityPerDay: 5),
            reserve: spare
        )
        let start = h.clock.now()
        try ProfileStore(h.db).pause(
            id: shop,
            until: start.addingTimeInterval(7200),
            reply: "421 4.7.0 slow down",
            now: start
        )
        let letters = try (0..<16).map { try h.enqueue("c\($0)@example.com", profile: "Магазин") }
        try h.db.execute("UPDATE letters SET possible_duplicate = 1 WHERE id = ?", [letters[3]])
        let own = try h.enqueue("own@example.com", profile: "Запасной")

        let forecasting = QueueForecasting(h.db)
        let expected = try (letters + [own]).map { try forecasting.expectedAt(try h.letter($0), now: start) }
        func at(_ minutes: Int) -> Date { start.addingTimeInterval(Double(minutes) * minute) }
        // The reserve: its own and one carried now, then two every five minutes up to ten a day;
        // the shop from the end of its pause: five (the fixed one first), then the last two.
        let carried = [0, 5, 5, 10, 10, 15, 15, 20, 20]
        #expect(expected.last == at(0))
        #expect(Array(expected[0..<3]) == carried[0..<3].map(at))
        #expect(expected[3] == at(120), "«возможен дубль» waits for its own profile")
        #expect(Array(expected[4..<10]) == carried[3...].map(at))
        #expect(Array(expected[10..<16]) == [at(120), at(120), at(120), at(120), at(121), at(121)])

        let statuses = try ProfileStatus.all(database: h.db, now: start)
        let status = try #require(statuses.first { $0.profile.id == shop })
        #expect(status.reserveUse == .through(name: "Запасной"))
        #expect(status.nextSendAt == at(0) && status.queueEnd == .at(at(121)))
        #expect(status.text(.ru).contains("письма уходят через резервный профиль «Запасной», в его лимитах"))

        for offset in 0...125 {
            h.clock.set(at(offset))
            try h.run(.acceptingAll())
        }
        #expect(try (letters + [own]).map { try h.letter($0).sentAt } == expected)
        #expect(try letters.map { try h.letter($0).viaReserve } == expected.dropLast().map { $0 ?? at(0) < at(120) })
    }
}
