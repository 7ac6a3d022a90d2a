import Foundation
import MailCore
import MailTestSupport
import Testing

private let now = Fixtures.now
private let minute: TimeInterval = 60
private let hour: TimeInterval = 3600
private let day: TimeInterval = 24 * hour

private func at(_ offset: TimeInterval) -> Date { now.addingTimeInterval(offset) }
private func limits(max: Int, interval: Int, batch: Int, priority: Int) -> ProfileLimits {
    ProfileLimits(maxPerDay: max, intervalMinutes: interval, batchSize: batch, priorityPerDay: priority)
}

private let cases: [ForecastCase] = [
    ForecastCase.single(
        "the issue's case: 300 at 100 a day, batch 10, interval 5",
        limits: limits(max: 100, interval: 5, batch: 10, priority: 0),
        regular: Array(repeating: now, count: 300)
    ),
    ForecastCase.single(
        "priority first, both shares, a batch shared between the classes",
        limits: limits(max: 60, interval: 3, batch: 7, priority: 15),
        priority: Array(repeating: now, count: 40),
        regular: Array(repeating: now, count: 150)
    ),
    ForecastCase.single(
        "sends already in the window leave one by one",
        limits: limits(max: 50, interval: 2, batch: 5, priority: 10),
        history: (0..<45).map { SendRecord(at: at(-day + Double($0 * 97) * 13 + 7), isPriority: $0 % 5 == 0) },
        lastRegularBatchAt: at(-minute),
        priority: Array(repeating: now, count: 12),
        regular: Array(repeating: now, count: 120)
    ),
    ForecastCase.single(
        "an interval that does not divide the day, and no daily limit reached",
        limits: limits(max: 5000, interval: 7, batch: 3, priority: 10),
        regular: Array(repeating: now, count: 700)
    ),
    ForecastCase.single(
        "interval 0: every run",
        limits: limits(max: 40, interval: 0, batch: 4, priority: 4),
        priority: Array(repeating: now, count: 9),
        regular: Array(repeating: now, count: 90)
    ),
    ForecastCase.single(
        "retries fall due later, in the middle of the queue's pace",
        limits: limits(max: 30, interval: 5, batch: 3, priority: 5),
        priority: [now, at(10 * minute), at(3 * hour + 20)],
        regular: Array(repeating: now, count: 20) + [at(2 * hour), at(2 * hour), at(26 * hour + 30)]
    ),
    ForecastCase.single(
        "paused: nothing before the pause ends",
        limits: limits(max: 20, interval: 5, batch: 5, priority: 5),
        state: .paused(until: at(2 * hour + 30), reply: "421 too many"),
        priority: [now],
        regular: Array(repeating: now, count: 30)
    ),
    ForecastCase.single(
        "a moment between cron minutes: the next minute's run",
        limits: limits(max: 10, interval: 1, batch: 2, priority: 2),
        regular: Array(repeating: now, count: 25),
        start: at(23.5)
    ),
]

/// Letters of several profiles, in the queue's order of `specs`' turns: one letter of each spec in
/// turn while it has some left, so the profiles' letters interleave; ids from 1.
private func interleaved(
    _ specs: [(profile: Int64, count: Int, isPriority: Bool, kind: ForecastSource.Kind, dueAt: Date)]
)
    -> [TestLetter]
{
    var left = specs.map(\.count)
    var letters: [TestLetter] = []
    while left.contains(where: { $0 > 0 }) {
        for (index, spec) in specs.enumerated() where left[index] > 0 {
            left[index] -= 1
            letters.append(
                TestLetter(
                    id: Int64(letters.count + 1),
                    profile: spec.profile,
                    isPriority: spec.isPriority,
                    dueAt: spec.dueAt,
                    kind: spec.kind
                )
            )
        }
    }
    return letters
}

private func profile(
    _ id: Int64,
    _ limits: ProfileLimits,
    _ state: ProfileState = .ok,
    reserve: Int64? = nil,
    history: [SendRecord] = []
) -> ForecastProfile {
    ForecastProfile(id: id, limits: limits, state: state, reserveID: reserve, history: history)
}

private let broken = ProfileState.broken(reply: "535 5.7.8 bad credentials", since: at(-hour))
private func paused(_ offset: TimeInterval) -> ProfileState {
    .paused(until: at(offset), reply: "550 5.4.5 daily limit")
}

private let reserveCases: [ForecastCase] = [
    ForecastCase(
        name: "a broken profile's letters through its reserve, after the reserve's own",
        profiles: [
            profile(1, limits(max: 50, interval: 5, batch: 5, priority: 5), broken, reserve: 2),
            profile(2, limits(max: 30, interval: 5, batch: 4, priority: 5)),
        ],
        letters: interleaved([
            (1, 40, false, .movable, now), (1, 3, true, .movable, now), (2, 10, false, .movable, now),
            (2, 2, true, .movable, now),
        ])
    ),
    ForecastCase(
        name:
            "paused for hours, a reserve too slow: the rest goes back when the pause ends, with the letters that never move",
        profiles: [
            profile(1, limits(max: 50, interval: 5, batch: 5, priority: 5), paused(6 * hour + 20), reserve: 2),
            profile(2, limits(max: 20, interval: 10, batch: 3, priority: 2)),
        ],
        letters: interleaved([
            (1, 60, false, .movable, now), (1, 4, true, .movable, now), (1, 3, false, .fixed, now),
            (2, 5, false, .movable, now), (1, 2, false, .movable, at(7 * hour)),
        ])
    ),
    ForecastCase(
        name: "a chain: broken, broken, working; the two broken ones' letters interleave at the third",
        profiles: [
            profile(1, limits(max: 40, interval: 0, batch: 5, priority: 5), broken, reserve: 2),
            profile(2, limits(max: 40, interval: 0, batch: 5, priority: 5), broken, reserve: 3),
            profile(3, limits(max: 25, interval: 3, batch: 4, priority: 5)),
        ],
        letters: interleaved([
            (1, 30, false, .movable, now), (2, 20, false, .movable, now), (3, 6, false, .movable, now),
        ])
    ),
    ForecastCase(
        name: "two paused profiles share one reserve; their pauses end at different times",
        profiles: [
            profile(1, limits(max: 30, interval: 5, batch: 3, priority: 3), paused(2 * hour), reserve: 3),
            profile(2, limits(max: 30, interval: 2, batch: 3, priority: 3), paused(5 * hour + 30), reserve: 3),
            profile(3, limits(max: 12, interval: 10, batch: 2, priority: 2)),
        ],
        letters: interleaved([
            (1, 25, false, .movable, now), (2, 25, false, .movable, now), (1, 2, true, .movable, now),
            (2, 2, true, .movable, now),
        ])
    ),
    ForecastCase(
        name: "letters held for a reserve go only through it, with a broken profile's",
        profiles: [
            profile(1, limits(max: 30, interval: 5, batch: 5, priority: 5), reserve: 2),
            profile(2, limits(max: 20, interval: 5, batch: 3, priority: 5)),
            profile(3, limits(max: 20, interval: 5, batch: 3, priority: 5), broken, reserve: 2),
        ],
        letters: interleaved([
            (1, 12, false, .movable, now), (1, 4, false, .via(2), now), (3, 8, false, .movable, now),
            (2, 3, false, .movable, now), (3, 2, false, .fixed, now),
        ])
    ),
    ForecastCase(
        name: "the reserve is paused too: nobody carries until its pause ends",
        profiles: [
            profile(1, limits(max: 30, interval: 5, batch: 5, priority: 5), paused(20 * hour), reserve: 2),
            profile(2, limits(max: 15, interval: 5, batch: 3, priority: 5), paused(3 * hour)),
        ],
        letters: interleaved([(1, 30, false, .movable, now), (2, 5, false, .movable, now)])
    ),
    ForecastCase(
        name: "no working profile along the chain: the letters wait",
        profiles: [
            profile(1, limits(max: 30, interval: 5, batch: 5, priority: 5), broken, reserve: 2),
            profile(2, limits(max: 30, interval: 5, batch: 5, priority: 5), broken),
        ],
        letters: interleaved([(1, 3, false, .movable, now), (2, 2, true, .movable, now)])
    ),
    ForecastCase(
        name: "a pause that ends before the next run moves nothing",
        profiles: [
            profile(1, limits(max: 30, interval: 5, batch: 5, priority: 5), paused(40), reserve: 2),
            profile(2, limits(max: 30, interval: 5, batch: 5, priority: 5)),
        ],
        letters: interleaved([(1, 12, false, .movable, now), (2, 2, false, .movable, now)])
    ),
]

@Suite struct QueueForecastTests {
    /// Every letter's forecast time is the time the runs send it, minute by minute; each profile's
    /// next send and queue end are its letters' first and last.
    @Test(arguments: cases + reserveCases) func agreesWithTheRunsEveryMinute(_ situation: ForecastCase) throws {
        let forecast = try situation.forecast()
        let sent = situation.stepByStep(days: 12)
        for letter in situation.letters {
            let expected = try forecast.expectedAt(letter.source, key: letter.key, isPriority: letter.isPriority)
            #expect(expected == sent[letter.id], "letter \(letter.id) of profile \(letter.profile)")
        }
        for profile in situation.profiles {
            let times = situation.letters.filter { $0.profile == profile.id }.map { sent[$0.id] }
            let sentTimes = times.compactMap { $0 }
            let end: QueueForecast.End =
                times.isEmpty ? .nothingWaits : times.contains(nil) ? .never : .at(sentTimes.max() ?? now)
            #expect(try forecast.end(of: profile.id) == end, "profile \(profile.id)")
            #expect(try forecast.nextSendAt(of: profile.id) == sentTimes.min(), "profile \(profile.id)")
            let waiting = situation.letters.filter { $0.profile == profile.id }
            #expect(
                forecast.waiting(of: profile.id)
                    == ClassCounts(
                        priority: waiting.count(where: \.isPriority),
                        regular: waiting.count(where: { !$0.isPriority })
                    )
            )
        }
    }

    /// Random profiles (limits, sends in the window, retries, pauses): the forecast agrees with the
    /// runs every minute for every letter they send within 12 days; the others are forecast later,
    /// or never when their class's share is 0.
    @Test(arguments: 0..<16) func agreesOnRandomProfiles(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed) + 1)
        let max = Int.random(in: 5...120, using: &random)
        let situation = ForecastCase.single(
            "seed \(seed)",
            limits: limits(
                max: max,
                interval: Int.random(in: 0...30, using: &random),
                batch: Int.random(in: 1...15, using: &random),
                priority: Int.random(in: 0...max, using: &random)
            ),
            state: Bool.random(using: &random)
                ? .ok : .paused(until: at(Double.random(in: 0...(3 * hour), using: &random)), reply: "421"),
            history: Self.history(max, using: &random),
            lastRegularBatchAt: Bool.random(using: &random)
                ? at(-Double(Int.random(in: 0...40, using: &random)) * minute) : nil,
            priority: Self.queue(Int.random(in: 0...60, using: &random), using: &random),
            regular: Self.queue(Int.random(in: 0...400, using: &random), using: &random)
        )
        try Self.check(situation, days: 12)
    }

    /// The forecast reads the clock only through its first run (`QueueForecast.firstRun(after:)`):
    /// made at two moments before the same run, each from the sends of the 24 hours before it
    /// (some leave between the two) and with letters falling due between them, a pause ending
    /// between them, it gives every letter, and each profile's next send and end, the same time.
    /// So the forecast made as of its first run (as `QueueForecasting` makes it) stands for any
    /// moment before it.
    @Test(arguments: 0..<16) func isTheSameThroughoutTheMinuteBeforeItsFirstRun(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed) + 200)
        let early = at(-59)
        #expect(QueueForecast.firstRun(after: early) == QueueForecast.firstRun(after: now))
        let max = Int.random(in: 5...120, using: &random)
        let profileLimits = limits(
            max: max,
            interval: Int.random(in: 0...30, using: &random),
            batch: Int.random(in: 1...15, using: &random),
            priority: Int.random(in: 0...max, using: &random)
        )
        let state: ProfileState =
            Bool.random(using: &random)
            ? .ok : .paused(until: at(-Double.random(in: 1..<59, using: &random)), reply: "421")
        let sends = (0..<Int.random(in: 0...max, using: &random)).map { _ in
            SendRecord(
                at: at(-Double.random(in: 60..<(day + 60), using: &random)),
                isPriority: Bool.random(using: &random)
            )
        }
        let regular = (Self.queue(Int.random(in: 0...300, using: &random), using: &random) + [at(-30), at(-1)]).sorted()
        let priority = Self.queue(Int.random(in: 0...40, using: &random), using: &random)
        func situation(at start: Date) -> ForecastCase {
            ForecastCase.single(
                "seed \(seed)",
                limits: profileLimits,
                state: state,
                history: sends.filter { $0.at > start.addingTimeInterval(-day) && $0.at <= start },
                priority: priority,
                regular: regular,
                start: start
            )
        }
        let before = situation(at: early)
        let first = try before.forecast()
        let second = try situation(at: now).forecast()
        for letter in before.letters {
            #expect(
                try first.expectedAt(letter.source, key: letter.key, isPriority: letter.isPriority)
                    == second.expectedAt(letter.source, key: letter.key, isPriority: letter.isPriority),
                "letter \(letter.id)"
            )
        }
        #expect(try first.nextSendAt(of: 1) == second.nextSendAt(of: 1))
        #expect(try first.end(of: 1) == second.end(of: 1))
    }

    /// Random reserves: two to four profiles, each ok, broken, paused for hours or for seconds,
    /// some naming a reserve (chains, no loops), with letters that move, that never move and that
    /// are held for a reserve, interleaved: the forecast agrees with the runs every minute.
    @Test(arguments: 0..<16) func agreesOnRandomReserves(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed) + 100)
        let count = Int.random(in: 2...4, using: &random)
        let ids = (1...Int64(count)).shuffled(using: &random)
        var profiles: [ForecastProfile] = []
        for (index, id) in ids.enumerated() {
            let max = Int.random(in: 5...60, using: &random)
            let state: ProfileState =
                switch Int.random(in: 0..<10, using: &random) {
                case 0..<4: .ok
                case 4..<6: broken
                case 6..<9: paused(Double.random(in: 1...30, using: &random) * hour)
                default: paused(Double.random(in: 1...59, using: &random))
                }
            profiles.append(
                profile(
                    id,
                    limits(
                        max: max,
                        interval: Int.random(in: 0...20, using: &random),
                        batch: Int.random(in: 1...8, using: &random),
                        priority: Int.random(in: 0...max, using: &random)
                    ),
                    state,
                    reserve: index > 0 && Int.random(in: 0..<4, using: &random) > 0
                        ? ids[Int.random(in: 0..<index, using: &random)] : nil,
                    history: Self.history(max, using: &random)
                )
            )
        }
        var specs: [(profile: Int64, count: Int, isPriority: Bool, kind: ForecastSource.Kind, dueAt: Date)] = []
        for id in ids {
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let kind: ForecastSource.Kind =
                    switch Int.random(in: 0..<10, using: &random) {
                    case 0: .fixed
                    case 1: .via(ids.filter { $0 != id }.randomElement(using: &random) ?? id)
                    default: .movable
                    }
                let later = Int.random(in: 0..<4, using: &random) == 0
                specs.append(
                    (
                        id, Int.random(in: 1...30, using: &random), Int.random(in: 0..<5, using: &random) == 0, kind,
                        later ? at(Double(Int.random(in: 1...2880, using: &random)) * minute) : now
                    )
                )
            }
        }
        try Self.check(
            ForecastCase(
                name: "seed \(seed)",
                profiles: profiles,
                letters: interleaved(specs.shuffled(using: &random))
            ),
            days: 8
        )
    }

    /// Each letter the runs send within `days` days is forecast then; the others later or never.
    private static func check(_ situation: ForecastCase, days: Int) throws {
        let forecast = try situation.forecast()
        let sent = situation.stepByStep(days: days)
        let horizon = now.addingTimeInterval(Double(days) * day)
        for letter in situation.letters {
            let expected = try forecast.expectedAt(letter.source, key: letter.key, isPriority: letter.isPriority)
            if let time = sent[letter.id] {
                #expect(expected == time, "\(situation.name): letter \(letter.id) of profile \(letter.profile)")
            } else {
                #expect(
                    expected.map { $0 >= horizon } ?? true,
                    "\(situation.name): letter \(letter.id) after the horizon"
                )
            }
        }
    }

    /// Sends in the last 24 hours, at most `max`.
    private static func history(_ max: Int, using random: inout SeededGenerator) -> [SendRecord] {
        (0..<Int.random(in: 0...max, using: &random)).map { _ in
            SendRecord(at: at(-Double.random(in: 0..<day, using: &random)), isPriority: Bool.random(using: &random))
        }
    }

    /// Letters in the queue's order: most due now, some falling due within three days.
    private static func queue(_ count: Int, using random: inout SeededGenerator) -> [Date] {
        (0..<count).map { _ in
            Int.random(in: 0..<5, using: &random) == 0 ? at(Double.random(in: 0...(72 * hour), using: &random)) : now
        }.sorted()
    }

    /// The forecast of a one-profile case's letter at `rank` in its class.
    private static func expected(
        _ situation: ForecastCase,
        _ forecast: QueueForecast,
        isPriority: Bool = false,
        rank: Int
    )
        throws -> Date?
    {
        let letters = situation.letters.filter { $0.isPriority == isPriority }
        guard rank < letters.count else { return nil }
        return try forecast.expectedAt(letters[rank].source, key: letters[rank].key, isPriority: isPriority)
    }

    /// The issue's figures: ten batches of ten, five minutes apart, from now, on each of three days.
    @Test func theIssuesQueueLeavesInTenBatchesADay() throws {
        let forecast = try cases[0].forecast()
        func expected(_ rank: Int) throws -> Date? { try Self.expected(cases[0], forecast, rank: rank) }
        #expect(try expected(0) == now)
        #expect(try expected(9) == now)
        #expect(try expected(10) == at(5 * minute))
        #expect(try expected(99) == at(45 * minute))
        #expect(try expected(100) == at(day))
        #expect(try expected(299) == at(2 * day + 45 * minute))
        #expect(try forecast.end(of: 1) == .at(at(2 * day + 45 * minute)))
    }

    /// 100,000 letters: days repeat, and the forecast jumps over them by arithmetic.
    @Test func aHugeQueueIsForecastByItsDays() throws {
        let situation = ForecastCase.single(
            "100,000",
            limits: limits(max: 200, interval: 5, batch: 10, priority: 20),
            regular: Array(repeating: now, count: 100_000)
        )
        let forecast = try situation.forecast()
        // 180 regular letters a day, in 18 batches five minutes apart.
        for rank in [0, 179, 180, 50_000, 99_999] {
            let expected = at(Double(rank / 180) * day + Double(rank % 180 / 10) * 5 * minute)
            #expect(try Self.expected(situation, forecast, rank: rank) == expected, "letter \(rank)")
        }
        #expect(try forecast.end(of: 1) == .at(at(555 * day + 45 * minute)))
    }

    /// A reserve that carries a broken profile's 100,000 letters: its days repeat too.
    @Test func aHugeQueueThroughAReserveIsForecastByItsDays() throws {
        let situation = ForecastCase(
            name: "100,000 through a reserve",
            profiles: [
                profile(1, limits(max: 500, interval: 0, batch: 50, priority: 50), broken, reserve: 2),
                profile(2, limits(max: 200, interval: 5, batch: 10, priority: 20)),
            ],
            letters: interleaved([(1, 100_000, false, .movable, now), (2, 30, false, .movable, now)])
        )
        let forecast = try situation.forecast()
        // 180 regular letters a day in batches of ten five minutes apart: the reserve's own 30
        // first (three batches), then 150 carried the first day, 180 each day after.
        #expect(try forecast.end(of: 2) == .at(at(10 * minute)))
        #expect(try forecast.nextSendAt(of: 1) == at(15 * minute))
        let carried = situation.letters.filter { $0.profile == 1 }
        func expected(_ rank: Int) throws -> Date? {
            try forecast.expectedAt(carried[rank].source, key: carried[rank].key, isPriority: false)
        }
        #expect(try expected(149) == at(85 * minute))
        #expect(try expected(150) == at(day))
        #expect(try expected(50_150) == at(278 * day + 70 * minute))
        #expect(try forecast.end(of: 1) == .at(at(555 * day + 60 * minute)))
    }

    /// A broken profile without a reserve sends nothing; a share of 0 never lets its class go.
    @Test func lettersThatNeverLeave() throws {
        let stuck = ForecastCase.single(
            "broken",
            limits: limits(max: 10, interval: 0, batch: 5, priority: 2),
            state: broken,
            priority: [now],
            regular: [now]
        )
        let forecast = try stuck.forecast()
        #expect(try Self.expected(stuck, forecast, rank: 0) == nil)
        #expect(try forecast.nextSendAt(of: 1) == nil)
        #expect(try forecast.end(of: 1) == .never)

        let noPriorityShare = ForecastCase.single(
            "no priority share",
            limits: limits(max: 10, interval: 0, batch: 5, priority: 0),
            priority: [now, now],
            regular: [now, now, now]
        )
        let shares = try noPriorityShare.forecast()
        #expect(try Self.expected(noPriorityShare, shares, isPriority: true, rank: 0) == nil)
        #expect(try Self.expected(noPriorityShare, shares, rank: 2) == now)
        #expect(try shares.end(of: 1) == .never)

        let empty = try ForecastCase.single("empty", limits: limits(max: 10, interval: 0, batch: 5, priority: 0))
            .forecast()
        #expect(try empty.end(of: 1) == .nothingWaits)
        #expect(try empty.nextSendAt(of: 1) == nil)
    }

    /// A regular batch that started a moment after its cron minute counts from that minute: the
    /// interval ends at a whole minute, as the next runs start at one.
    @Test func aBatchStartedWithinAMinuteCountsFromIt() throws {
        let situation = ForecastCase.single(
            "a batch a moment after its minute",
            limits: limits(max: 100, interval: 5, batch: 10, priority: 0),
            history: [SendRecord(at: at(-2 * minute + 0.4), isPriority: false)],
            lastRegularBatchAt: at(-2 * minute + 0.3),
            regular: [now],
            start: at(10)
        )
        #expect(try Self.expected(situation, try situation.forecast(), rank: 0) == at(3 * minute))
    }
}
