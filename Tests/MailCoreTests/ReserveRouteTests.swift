import Foundation
import MailCore
import MailTestSupport
import Testing

/// «Резервный профиль»: when a profile's letters move, where to, and which reserves may be chosen.
@Suite struct ReserveRouteTests {
    let now = Fixtures.now
    let broken = ProfileState.broken(reply: "535 5.7.8 Authentication failed", since: Fixtures.now)

    func paused(for seconds: TimeInterval) -> ProfileState {
        .paused(until: now.addingTimeInterval(seconds), reply: "451 4.7.0 Rate limited")
    }

    @Test func brokenAndLongPausesMoveLettersShortPausesDoNot() {
        #expect(!ReserveRoute.needsReserve(.ok, now: now))
        #expect(ReserveRoute.needsReserve(broken, now: now))
        #expect(ReserveRoute.needsReserve(paused(for: 61), now: now), "paused past the next cron pass")
        #expect(!ReserveRoute.needsReserve(paused(for: 60), now: now), "the pause ends by the next pass")
        #expect(!ReserveRoute.needsReserve(paused(for: -5), now: now), "a pause that ended")
    }

    @Test func carrierIsTheFirstProfileAlongTheChainThatCanSend() {
        let links: [Int64: ReserveLink] = [
            1: ReserveLink(state: broken, reserveID: 2),
            2: ReserveLink(state: paused(for: 3600), reserveID: 3),
            3: ReserveLink(state: .ok, reserveID: nil),
            4: ReserveLink(state: .ok, reserveID: 1),
            5: ReserveLink(state: broken, reserveID: nil),
        ]
        #expect(ReserveRoute.carrier(of: 1, links: links, now: now) == 3)
        #expect(ReserveRoute.carrier(of: 2, links: links, now: now) == 3)
        #expect(ReserveRoute.carrier(of: 4, links: links, now: now) == 4, "a working profile sends its own")
        #expect(ReserveRoute.carrier(of: 5, links: links, now: now) == nil, "no reserve: its letters wait")
        #expect(ReserveRoute.carrier(of: 9, links: links, now: now) == nil, "unknown profile")
        #expect(ReserveRoute.borrowers(of: 3, links: links, now: now) == [1, 2])
        #expect(ReserveRoute.borrowers(of: 4, links: links, now: now).isEmpty)
        #expect(ReserveRoute.passes(for: [1, 4], links: links, now: now) == [1, 3, 4])
    }

    @Test func aLoopInStoredLinksEndsTheWalk() {
        let links: [Int64: ReserveLink] = [
            1: ReserveLink(state: broken, reserveID: 2),
            2: ReserveLink(state: broken, reserveID: 1),
        ]
        #expect(ReserveRoute.carrier(of: 1, links: links, now: now) == nil)
        #expect(ReserveRoute.borrowers(of: 1, links: links, now: now).isEmpty)
    }

    @Test func aReserveIsNeverItselfNorALoop() {
        // 1 → 2 → 3, 4 alone.
        let reserves: [Int64: Int64?] = [1: 2, 2: 3, 3: nil, 4: nil]
        #expect(ReserveRoute.problem(profile: 1, reserve: 1, reserves: reserves) == .itself)
        #expect(ReserveRoute.problem(profile: 3, reserve: 1, reserves: reserves) == .loop, "3 → 1 → 2 → 3")
        #expect(ReserveRoute.problem(profile: 2, reserve: 1, reserves: reserves) == .loop)
        #expect(ReserveRoute.problem(profile: 1, reserve: 7, reserves: reserves) == .unknown)
        #expect(ReserveRoute.problem(profile: 4, reserve: 1, reserves: reserves) == nil, "a chain is allowed")
        #expect(ReserveRoute.problem(profile: nil, reserve: 1, reserves: reserves) == nil, "a new profile")
        #expect(ReserveRoute.choices(for: 3, reserves: reserves) == [4])
        #expect(ReserveRoute.choices(for: 1, reserves: reserves) == [2, 3, 4])
        #expect(ReserveRoute.choices(for: nil, reserves: reserves) == [1, 2, 3, 4])
        #expect(ReserveProblem.loop.message.ru.contains("круг"))
    }
}
