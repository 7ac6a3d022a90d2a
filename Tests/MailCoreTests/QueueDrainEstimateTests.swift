import Foundation
import MailCore
import Testing

struct QueueDrainEstimateTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let hour: TimeInterval = 3600

    func empties(
        _ horizon: TimeInterval,
        priority: Int = 0,
        regular: Int = 0,
        limits: ProfileLimits,
        history: [SendRecord] = [],
        lastBatch: Date? = nil
    ) -> Bool {
        QueueDrainEstimate.emptiesWithin(
            horizon,
            priority: priority,
            regular: regular,
            limits: limits,
            history: history,
            lastRegularBatchAt: lastBatch,
            now: now
        )
    }

    @Test func emptyQueueIsAlwaysInTime() {
        #expect(
            empties(hour, limits: ProfileLimits(maxPerDay: 1, intervalMinutes: 60, batchSize: 1, priorityPerDay: 0))
        )
    }

    @Test func dailyLimitHoldsALongQueue() {
        // 300 regular letters at 100 a day (20 of them priority): 80 regular letters a day at most.
        let limits = ProfileLimits(maxPerDay: 100, intervalMinutes: 5, batchSize: 10, priorityPerDay: 20)
        #expect(!empties(6 * hour, regular: 300, limits: limits))
        #expect(empties(6 * hour, regular: 80, limits: limits))
        #expect(!empties(6 * hour, regular: 81, limits: limits))
    }

    @Test func intervalAndBatchBoundRegularLetters() {
        // One batch of 10 every 30 minutes: 13 batches fit in 6 hours (at 0, 30 min, … 6 h).
        let limits = ProfileLimits(maxPerDay: 10_000, intervalMinutes: 30, batchSize: 10, priorityPerDay: 0)
        #expect(empties(6 * hour, regular: 130, limits: limits))
        #expect(!empties(6 * hour, regular: 131, limits: limits))
        // The last batch 10 minutes ago: the first one may start in 20 minutes, so 12 batches.
        #expect(!empties(6 * hour, regular: 121, limits: limits, lastBatch: now.addingTimeInterval(-600)))
        #expect(empties(6 * hour, regular: 120, limits: limits, lastBatch: now.addingTimeInterval(-600)))
    }

    @Test func sendsLeavingTheWindowMakeRoom() {
        let limits = ProfileLimits(maxPerDay: 10, intervalMinutes: 0, batchSize: 10, priorityPerDay: 0)
        // The day's 10 went 20 hours ago: they leave the window in 4 hours.
        let full = (0..<10).map { _ in SendRecord(at: now.addingTimeInterval(-20 * hour), isPriority: false) }
        #expect(!empties(3 * hour, regular: 1, limits: limits, history: full))
        #expect(empties(4 * hour, regular: 10, limits: limits, history: full))
        #expect(!empties(4 * hour, regular: 11, limits: limits, history: full))
    }

    @Test func priorityLettersUseTheirShareOnly() {
        let limits = ProfileLimits(maxPerDay: 100, intervalMinutes: 60, batchSize: 50, priorityPerDay: 5)
        #expect(empties(hour, priority: 5, limits: limits))
        #expect(!empties(hour, priority: 6, limits: limits))
    }
}
