import Foundation
import MailTestSupport
import Runtime
import Testing

@Suite struct ClockSanityTests {
    @Test func aClockAheadOfEverythingStoredIsFine() {
        #expect(ClockSanity.problem(now: Fixtures.now, latestStored: nil) == nil)
        #expect(ClockSanity.problem(now: Fixtures.now, latestStored: Fixtures.now.addingTimeInterval(-86_400)) == nil)
        // A little behind is rounding or another process's clock.
        #expect(ClockSanity.problem(now: Fixtures.now, latestStored: Fixtures.now.addingTimeInterval(299)) == nil)
    }

    @Test func aClockSetBackIsNamedWithHowFar() throws {
        let problem = try #require(
            ClockSanity.problem(now: Fixtures.now, latestStored: Fixtures.now.addingTimeInterval(3_600))
        )
        #expect(problem.contains("60 min before the latest time in the database"))
    }

    @Test func anUnsetClockIsNamed() throws {
        let problem = try #require(ClockSanity.problem(now: Date(timeIntervalSince1970: 0), latestStored: nil))
        #expect(problem.contains("1970-01-01T00:00:00Z"))
    }
}
