import Foundation
import MailCore
import MailTestSupport
import Testing

struct ProfileLatestFailureTests {
    let early = Date(timeIntervalSince1970: 1_000)
    let late = Date(timeIntervalSince1970: 2_000)

    @Test func nothingFailedIsNil() {
        #expect(Fixtures.profile().latestFailure == nil)
    }

    @Test func aRefusedLoginIsAFailureEvenWhenNoneWasRecorded() throws {
        let profile = Fixtures.profile(state: .broken(reply: "auth: 535 5.7.8 refused", since: late))
        let failure = try #require(profile.latestFailure)
        #expect(failure.recorded == "auth: 535 5.7.8 refused" && failure.at == late)
    }

    @Test func theLaterOfTheRecordedFailureAndTheRefusedLoginWins() throws {
        let recordedLater = Fixtures.profile(
            state: .broken(reply: "auth: 535", since: early),
            health: ProfileHealth(lastFailure: "timeout: no answer", lastFailureAt: late)
        )
        #expect(try #require(recordedLater.latestFailure).recorded == "timeout: no answer")
        let brokenLater = Fixtures.profile(
            state: .broken(reply: "auth: 535", since: late),
            health: ProfileHealth(lastFailure: "timeout: no answer", lastFailureAt: early)
        )
        #expect(try #require(brokenLater.latestFailure).recorded == "auth: 535")
    }

    @Test func aPauseIsAStateNotAFailure() {
        let paused = Fixtures.profile(state: .paused(until: late, reply: "451 quota"))
        #expect(paused.latestFailure == nil)
    }
}
