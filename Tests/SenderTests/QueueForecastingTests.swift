import Foundation
import MailCore
import MailTestSupport
import Sender
import Storage
import Testing

/// The forecast read from the database: each queued letter's expected time, and runs at those
/// times send exactly those letters.
@Suite struct QueueForecastingTests {
    private let minute: TimeInterval = 60

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
}
