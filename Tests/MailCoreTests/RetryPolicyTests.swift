import Foundation
import MailCore
import MailTestSupport
import Testing

@Suite struct RetryPolicyTests {
    private let enqueuedAt = Fixtures.now
    private let minute: TimeInterval = 60
    private let hour: TimeInterval = 3600

    private func delay(attempt: Int, jitter: Double = 0.5, failedAfter elapsed: TimeInterval = 0) -> TimeInterval? {
        let now = enqueuedAt.addingTimeInterval(elapsed)
        return RetryPolicy.next(attempt: attempt, enqueuedAt: enqueuedAt, now: now, jitter: jitter)?
            .timeIntervalSince(now)
    }

    /// Minutes after the 1st, 2nd, … failed attempt.
    private static let scheduleMinutes: [(attempt: Int, minutes: Double)] = [
        (1, 1), (2, 5), (3, 15), (4, 60), (5, 180), (6, 360), (7, 360), (12, 360),
    ]

    @Test(arguments: scheduleMinutes)
    func scheduleGrowsThenRepeatsEverySixHours(attempt: Int, minutes: Double) {
        #expect(delay(attempt: attempt) == minutes * 60)
    }

    @Test(arguments: 1...8)
    func jitterStaysWithinTenPercent(attempt: Int) throws {
        let base = try #require(delay(attempt: attempt))
        let shortest = try #require(delay(attempt: attempt, jitter: 0))
        let longest = try #require(delay(attempt: attempt, jitter: 0.999_999))
        #expect(abs(shortest - base * 0.9) < 0.001)
        #expect(longest < base * 1.1 && longest > base * 1.099)
        for jitter in stride(from: 0.0, to: 1.0, by: 0.05) {
            let shifted = try #require(delay(attempt: attempt, jitter: jitter))
            #expect(shifted >= base * 0.9 && shifted < base * 1.1)
        }
    }

    @Test func sameJitterGivesTheSameTime() {
        #expect(delay(attempt: 3, jitter: 0.37) == delay(attempt: 3, jitter: 0.37))
        #expect(delay(attempt: 3, jitter: 0.37) != delay(attempt: 3, jitter: 0.38))
    }

    /// A retry may fall exactly 72 hours after the letter was enqueued, not a second later.
    @Test func givesUpWhenTheRetryWouldFallPastSeventyTwoHours() {
        let lastChance: TimeInterval = 72 * hour - 6 * hour
        #expect(delay(attempt: 6, failedAfter: lastChance) == 6 * hour)
        #expect(delay(attempt: 6, failedAfter: lastChance + 1) == nil)
        #expect(delay(attempt: 6, jitter: 0, failedAfter: lastChance + 1) != nil)
        #expect(delay(attempt: 1, failedAfter: 72 * hour - minute) == minute)
        #expect(delay(attempt: 1, failedAfter: 72 * hour) == nil)
    }

    @Test func outOfRangeInputsAreClamped() {
        #expect(delay(attempt: 0) == minute)
        #expect(delay(attempt: 1, jitter: -3) == delay(attempt: 1, jitter: 0))
        #expect(delay(attempt: 1, jitter: 7) == 1.1 * minute)
    }
}
