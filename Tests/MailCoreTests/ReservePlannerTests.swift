import Foundation
import MailCore
import MailTestSupport
import Testing

/// A reserve carries others' letters only in the room its own letters leave, within its four limits.
@Suite struct ReservePlannerTests {
    let now = Fixtures.now

    func letters(_ ids: ClosedRange<Int64>, priority: Bool) -> [DueLetter] {
        ids.map { DueLetter(id: $0, isPriority: priority) }
    }

    func plan(
        _ limits: ProfileLimits,
        history: [SendRecord] = [],
        lastRegularBatchAt: Date? = nil,
        own: [DueLetter],
        borrowed: [DueLetter]
    ) -> ReservePlan {
        ReservePlanner.plan(
            limits: limits,
            state: .ok,
            history: history,
            lastRegularBatchAt: lastRegularBatchAt,
            own: own,
            borrowed: borrowed,
            now: now
        )
    }

    @Test func ownLettersFirstBorrowedInTheBatchLeft() {
        let limits = ProfileLimits(maxPerDay: 100, intervalMinutes: 0, batchSize: 5, priorityPerDay: 10)
        let result = plan(
            limits,
            own: letters(1...3, priority: false),
            borrowed: letters(101...102, priority: true) + letters(201...205, priority: false)
        )
        #expect(result.letters.map(\.id) == [1, 2, 3, 101, 102], "own regular letters before borrowed priority")
        #expect(result.borrowed.map(\.id) == [101, 102])
        #expect(result.startsRegularBatch)
    }

    @Test func aFullBatchOfOwnLettersLeavesNoRoom() {
        let limits = ProfileLimits(maxPerDay: 100, intervalMinutes: 0, batchSize: 3, priorityPerDay: 10)
        let result = plan(limits, own: letters(1...4, priority: false), borrowed: letters(101...101, priority: true))
        #expect(result.letters.map(\.id) == [1, 2, 3] && result.borrowed.isEmpty)
        #expect(result.own.regularWait == .batchFull)
    }

    @Test func theDailyMaximumCountsOwnAndBorrowedTogether() {
        let limits = ProfileLimits(maxPerDay: 4, intervalMinutes: 0, batchSize: 10, priorityPerDay: 2)
        let earlier = [SendRecord(at: now.addingTimeInterval(-3600), isPriority: false)]
        let result = plan(
            limits,
            history: earlier,
            own: letters(1...1, priority: false),
            borrowed: letters(101...105, priority: true) + letters(201...205, priority: false)
        )
        // 1 sent today + 1 own = 2; 2 left: the priority share (2) takes both.
        #expect(result.letters.map(\.id) == [1, 101, 102])
        #expect(result.borrowed.count == 2)
        let full = plan(
            limits,
            history: earlier + earlier + earlier + earlier,
            own: [],
            borrowed: letters(201...201, priority: false)
        )
        #expect(full.letters.isEmpty, "the reserve's day is used up")
    }

    @Test func theReservesIntervalHoldsBorrowedRegularLetters() {
        let limits = ProfileLimits(maxPerDay: 100, intervalMinutes: 10, batchSize: 10, priorityPerDay: 10)
        let recent = now.addingTimeInterval(-5 * 60)
        let held = plan(
            limits,
            lastRegularBatchAt: recent,
            own: [],
            borrowed: letters(101...101, priority: true) + letters(201...202, priority: false)
        )
        #expect(held.letters.map(\.id) == [101], "priority letters skip the interval, regular ones wait")
        #expect(!held.startsRegularBatch)
        let joined = plan(
            limits,
            lastRegularBatchAt: now.addingTimeInterval(-11 * 60),
            own: letters(1...1, priority: false),
            borrowed: letters(201...202, priority: false)
        )
        #expect(joined.letters.map(\.id) == [1, 201, 202], "borrowed regular letters join the batch the own start")
    }

    @Test func aBrokenReserveCarriesNothing() {
        let limits = ProfileLimits(maxPerDay: 100, intervalMinutes: 0, batchSize: 10, priorityPerDay: 10)
        let result = ReservePlanner.plan(
            limits: limits,
            state: .broken(reply: "535", since: now),
            history: [],
            lastRegularBatchAt: nil,
            own: [],
            borrowed: letters(1...2, priority: false),
            now: now
        )
        #expect(result.letters.isEmpty)
    }
}
