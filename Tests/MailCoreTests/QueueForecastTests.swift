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

/// A profile's situation, forecast by `QueueForecast` and, for comparison, run minute by minute
/// through `SendPlanner.plan` (the planner a real run asks).
struct ForecastCase: Sendable, CustomTestStringConvertible {
    var name: String
    var limits: ProfileLimits
    var state: ProfileState = .ok
    var history: [SendRecord] = []
    var lastRegularBatchAt: Date? = nil
    /// When each waiting letter falls due, in the queue's order; `now` or earlier: due now.
    var priority: [Date] = []
    var regular: [Date] = []
    var start = now

    var testDescription: String { name }

    func forecast() -> QueueForecast {
        QueueForecast(
            limits: limits,
            state: state,
            history: history,
            lastRegularBatchAt: lastRegularBatchAt,
            priority: waiting(priority),
            regular: waiting(regular),
            now: start
        )
    }

    private func waiting(_ times: [Date]) -> WaitingLetters {
        var letters = WaitingLetters()
        for time in times {
            if time <= start { letters.due += 1 } else { letters.later[time, default: 0] += 1 }
        }
        return letters
    }

    /// Every letter's send time, from a run at every cron minute planned by `SendPlanner.plan`
    /// with the letters due then; nil for a letter still waiting after `days` days.
    func stepByStep(days: Int) -> (priority: [Date?], regular: [Date?]) {
        var sent: [Bool: [Date?]] = [true: [], false: []]
        var records = history
        var lastRegular = lastRegularBatchAt
        let first = Int((start.timeIntervalSince1970 / 60).rounded(.up))
        for runMinute in first..<(first + days * 1440) {
            let time = Date(timeIntervalSince1970: Double(runMinute) * 60)
            var due: [DueLetter] = []
            for (isPriority, times) in [(true, priority), (false, regular)] {
                let done = sent[isPriority]?.count ?? 0
                let ready = times.dropFirst(done).prefix(limits.batchSize + 1).prefix { $0 <= time }
                due += ready.indices.map {
                    DueLetter(id: Int64($0) + (isPriority ? 1_000_000 : 0), isPriority: isPriority)
                }
            }
            records.removeAll { $0.at <= time.addingTimeInterval(-day) }
            let plan = SendPlanner.plan(
                limits: limits,
                state: state,
                history: records,
                lastRegularBatchAt: lastRegular,
                due: due,
                now: time
            )
            for letter in plan.letters {
                sent[letter.isPriority, default: []].append(time)
                records.append(SendRecord(at: time, isPriority: letter.isPriority))
            }
            if plan.startsRegularBatch { lastRegular = time }
            if sent[true]?.count == priority.count && sent[false]?.count == regular.count { break }
        }
        func padded(_ isPriority: Bool, _ count: Int) -> [Date?] {
            let times = sent[isPriority] ?? []
            return times + Array(repeating: nil, count: count - times.count)
        }
        return (padded(true, priority.count), padded(false, regular.count))
    }
}

private let cases: [ForecastCase] = [
    ForecastCase(
        name: "the issue's case: 300 at 100 a day, batch 10, interval 5",
        limits: limits(max: 100, interval: 5, batch: 10, priority: 0),
        regular: Array(repeating: now, count: 300)
    ),
    ForecastCase(
        name: "priority first, both shares, a batch shared between the classes",
        limits: limits(max: 60, interval: 3, batch: 7, priority: 15),
        priority: Array(repeating: now, count: 40),
        regular: Array(repeating: now, count: 150)
    ),
    ForecastCase(
        name: "sends already in the window leave one by one",
        limits: limits(max: 50, interval: 2, batch: 5, priority: 10),
        history: (0..<45).map { SendRecord(at: at(-day + Double($0 * 97) * 13 + 7), isPriority: $0 % 5 == 0) },
        lastRegularBatchAt: at(-minute),
        priority: Array(repeating: now, count: 12),
        regular: Array(repeating: now, count: 120)
    ),
    ForecastCase(
        name: "an interval that does not divide the day, and no daily limit reached",
        limits: limits(max: 5000, interval: 7, batch: 3, priority: 10),
        regular: Array(repeating: now, count: 700)
    ),
    ForecastCase(
        name: "interval 0: every run",
        limits: limits(max: 40, interval: 0, batch: 4, priority: 4),
        priority: Array(repeating: now, count: 9),
        regular: Array(repeating: now, count: 90)
    ),
    ForecastCase(
        name: "retries fall due later, in the middle of the queue's pace",
        limits: limits(max: 30, interval: 5, batch: 3, priority: 5),
        priority: [now, at(10 * minute), at(3 * hour + 20)],
        regular: Array(repeating: now, count: 20) + [at(2 * hour), at(2 * hour), at(26 * hour + 30)]
    ),
    ForecastCase(
        name: "paused: nothing before the pause ends",
        limits: limits(max: 20, interval: 5, batch: 5, priority: 5),
        state: .paused(until: at(2 * hour + 30), reply: "421 too many"),
        priority: [now],
        regular: Array(repeating: now, count: 30)
    ),
    ForecastCase(
        name: "a moment between cron minutes: the next minute's run",
        limits: limits(max: 10, interval: 1, batch: 2, priority: 2),
        regular: Array(repeating: now, count: 25),
        start: at(23.5)
    ),
]

@Suite struct QueueForecastTests {
    /// Every letter's forecast time is the time the planner, run at every cron minute, sends it.
    @Test(arguments: cases) func agreesWithThePlannerRunEveryMinute(_ situation: ForecastCase) {
        let forecast = situation.forecast()
        let runs = situation.stepByStep(days: 12)
        for (rank, time) in runs.priority.enumerated() {
            #expect(forecast.expectedAt(isPriority: true, rank: rank) == time, "priority letter \(rank)")
        }
        for (rank, time) in runs.regular.enumerated() {
            #expect(forecast.expectedAt(isPriority: false, rank: rank) == time, "regular letter \(rank)")
        }
        let last = (runs.priority + runs.regular).compactMap { $0 }.max()
        #expect(forecast.end == last.map(QueueForecast.End.at) ?? .nothingWaits)
        #expect(forecast.nextSendAt == (runs.priority + runs.regular).compactMap { $0 }.min())
    }

    /// Random profiles (limits, sends in the window, retries, pauses): the forecast agrees with the
    /// planner run at every minute for every letter the runs send within 12 days; the others are
    /// forecast later, or never when their class's share is 0.
    @Test(arguments: 0..<16) func agreesOnRandomProfiles(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) + 1)
        let max = Int.random(in: 5...120, using: &random)
        let situation = ForecastCase(
            name: "seed \(seed)",
            limits: limits(
                max: max,
                interval: Int.random(in: 0...30, using: &random),
                batch: Int.random(in: 1...15, using: &random),
                priority: Int.random(in: 0...max, using: &random)
            ),
            state: Bool.random(using: &random)
                ? .ok : .paused(until: at(Double.random(in: 0...(3 * hour), using: &random)), reply: "421"),
            history: (0..<Int.random(in: 0...max, using: &random)).map { _ in
                SendRecord(at: at(-Double.random(in: 0..<day, using: &random)), isPriority: Bool.random(using: &random))
            },
            lastRegularBatchAt: Bool.random(using: &random)
                ? at(-Double(Int.random(in: 0...40, using: &random)) * minute) : nil,
            priority: Self.queue(Int.random(in: 0...60, using: &random), using: &random),
            regular: Self.queue(Int.random(in: 0...400, using: &random), using: &random)
        )
        let forecast = situation.forecast()
        let runs = situation.stepByStep(days: 12)
        let horizon = at(12 * day)
        for (isPriority, times) in [(true, runs.priority), (false, runs.regular)] {
            for (rank, time) in times.enumerated() {
                let expected = forecast.expectedAt(isPriority: isPriority, rank: rank)
                if let time {
                    #expect(
                        expected == time,
                        "\(situation.name): \(isPriority ? "priority" : "regular") letter \(rank)"
                    )
                } else {
                    #expect(
                        expected.map { $0 >= horizon } ?? true,
                        "\(situation.name): letter \(rank) after the horizon"
                    )
                }
            }
        }
    }

    /// Letters in the queue's order: most due now, some falling due within three days.
    private static func queue(_ count: Int, using random: inout SeededGenerator) -> [Date] {
        (0..<count).map { _ in
            Int.random(in: 0..<5, using: &random) == 0 ? at(Double.random(in: 0...(72 * hour), using: &random)) : now
        }.sorted()
    }

    /// The issue's figures: ten batches of ten, five minutes apart, from now, on each of three days.
    @Test func theIssuesQueueLeavesInTenBatchesADay() {
        let forecast = cases[0].forecast()
        #expect(forecast.expectedAt(isPriority: false, rank: 0) == now)
        #expect(forecast.expectedAt(isPriority: false, rank: 9) == now)
        #expect(forecast.expectedAt(isPriority: false, rank: 10) == at(5 * minute))
        #expect(forecast.expectedAt(isPriority: false, rank: 99) == at(45 * minute))
        #expect(forecast.expectedAt(isPriority: false, rank: 100) == at(day))
        #expect(forecast.expectedAt(isPriority: false, rank: 299) == at(2 * day + 45 * minute))
        #expect(forecast.expectedAt(isPriority: false, rank: 300) == nil)
        #expect(forecast.end == .at(at(2 * day + 45 * minute)))
    }

    /// 100,000 letters: days repeat, and the forecast jumps over them by arithmetic.
    @Test func aHugeQueueIsForecastByItsDays() {
        let forecast = QueueForecast(
            limits: limits(max: 200, interval: 5, batch: 10, priority: 20),
            state: .ok,
            history: [],
            lastRegularBatchAt: nil,
            priority: WaitingLetters(),
            regular: WaitingLetters(due: 100_000),
            now: now
        )
        // 180 regular letters a day, in 18 batches five minutes apart.
        for rank in [0, 179, 180, 50_000, 99_999] {
            let expected = at(Double(rank / 180) * day + Double(rank % 180 / 10) * 5 * minute)
            #expect(forecast.expectedAt(isPriority: false, rank: rank) == expected, "letter \(rank)")
        }
        #expect(forecast.end == .at(at(555 * day + 45 * minute)))
    }

    /// A broken profile sends nothing; a share of 0 never lets its class go.
    @Test func lettersThatNeverLeave() {
        let broken = QueueForecast(
            limits: limits(max: 10, interval: 0, batch: 5, priority: 2),
            state: .broken(reply: "535 auth", since: at(-hour)),
            history: [],
            lastRegularBatchAt: nil,
            priority: WaitingLetters(due: 1),
            regular: WaitingLetters(due: 1),
            now: now
        )
        #expect(broken.expectedAt(isPriority: false, rank: 0) == nil)
        #expect(broken.nextSendAt == nil)
        #expect(broken.end == .never)

        let noPriorityShare = QueueForecast(
            limits: limits(max: 10, interval: 0, batch: 5, priority: 0),
            state: .ok,
            history: [],
            lastRegularBatchAt: nil,
            priority: WaitingLetters(due: 2),
            regular: WaitingLetters(due: 3),
            now: now
        )
        #expect(noPriorityShare.expectedAt(isPriority: true, rank: 0) == nil)
        #expect(noPriorityShare.expectedAt(isPriority: false, rank: 2) == now)
        #expect(noPriorityShare.end == .never)

        let empty = QueueForecast(
            limits: limits(max: 10, interval: 0, batch: 5, priority: 0),
            state: .ok,
            history: [],
            lastRegularBatchAt: nil,
            priority: WaitingLetters(),
            regular: WaitingLetters(),
            now: now
        )
        #expect(empty.end == .nothingWaits)
        #expect(empty.nextSendAt == nil)
    }

    /// A regular batch that started a moment after its cron minute counts from that minute: the
    /// interval ends at a whole minute, as the next runs start at one.
    @Test func aBatchStartedWithinAMinuteCountsFromIt() {
        let forecast = QueueForecast(
            limits: limits(max: 100, interval: 5, batch: 10, priority: 0),
            state: .ok,
            history: [SendRecord(at: at(-2 * minute + 0.4), isPriority: false)],
            lastRegularBatchAt: at(-2 * minute + 0.3),
            priority: WaitingLetters(),
            regular: WaitingLetters(due: 1),
            now: at(10)
        )
        #expect(forecast.expectedAt(isPriority: false, rank: 0) == at(3 * minute))
    }
}
