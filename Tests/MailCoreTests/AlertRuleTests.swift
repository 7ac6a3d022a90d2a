import Foundation
import MailCore
import Testing

struct AlertRuleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let sixHours: TimeInterval = 6 * 3600

    func state(
        _ profile: ProfileState,
        last: AlertState = .ok,
        drains: @escaping (TimeInterval) -> Bool = { _ in true }
    )
        -> AlertState
    {
        AlertRule.state(of: profile, lastAlerted: last, horizon: sixHours, now: now, queueEmptiesWithin: drains)
    }

    @Test func refusedLoginIsBrokenWhateverTheQueue() {
        #expect(state(.broken(reply: "535 no", since: now)) == .broken)
        #expect(state(.broken(reply: "535 no", since: now), drains: { _ in false }) == .broken)
    }

    @Test func runningPauseIsPausedAndAnEndedOneIsNot() {
        #expect(state(.paused(until: now.addingTimeInterval(60), reply: "421")) == .paused)
        #expect(state(.paused(until: now, reply: "421")) == .ok)
        #expect(state(.paused(until: now.addingTimeInterval(-1), reply: "421"), drains: { _ in false }) == .slow)
    }

    @Test func queueThatWillNotEmptyInTimeIsSlow() {
        #expect(state(.ok, drains: { _ in false }) == .slow)
        #expect(state(.ok, drains: { $0 >= 6 * 3600 }) == .ok)
    }

    @Test func slowStaysSlowUntilTheQueueEmptiesInHalfTheHorizon() {
        var asked: [TimeInterval] = []
        let held = state(.ok, last: .slow) { horizon in
            asked.append(horizon)
            return horizon >= 6 * 3600
        }
        #expect(held == .slow)
        #expect(asked == [3 * 3600])
        #expect(state(.ok, last: .slow, drains: { _ in true }) == .ok)
    }

    @Test func announcesEachChangeOnce() {
        #expect(AlertRule.change(profileID: 1, lastAlerted: .ok, current: .ok) == nil)
        #expect(AlertRule.change(profileID: 1, lastAlerted: .broken, current: .broken) == nil)
        let broke = AlertRule.change(profileID: 1, lastAlerted: .ok, current: .broken)
        #expect(broke == AlertChange(profileID: 1, from: .ok, to: .broken))
        #expect(broke?.isRecovery == false)
        #expect(broke?.event == "profile_broken")
        let recovered = AlertRule.change(profileID: 1, lastAlerted: .broken, current: .ok)
        #expect(recovered?.isRecovery == true)
        #expect(recovered?.event == "profile_recovered")
        #expect(AlertRule.change(profileID: 1, lastAlerted: .paused, current: .broken)?.to == .broken)
    }
}
