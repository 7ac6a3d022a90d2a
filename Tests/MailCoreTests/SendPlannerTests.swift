import Foundation
import MailCore
import MailTestSupport
import Testing

/// One row of the planner's table: a profile's situation at `Fixtures.now` and the plan expected.
struct PlannerCase: Sendable, CustomTestStringConvertible {
    var name: String
    var limits: ProfileLimits
    var state: ProfileState = .ok
    var history: [SendRecord] = []
    var lastRegularBatchAt: Date? = nil
    var priorityDue = 0
    var regularDue = 0
    // The plan expected.
    var priority = 0
    var regular = 0
    var priorityWait: WaitReason? = nil
    var regularWait: WaitReason? = nil
    var next: Date? = nil

    var testDescription: String { name }

    /// Priority letters have ids 101, 102, …; regular ones 1, 2, …; the classes interleaved,
    /// regular first, so the plan's order proves it puts priority letters first.
    var due: [DueLetter] {
        var letters: [DueLetter] = []
        for index in 0..<max(priorityDue, regularDue) {
            if index < regularDue { letters.append(DueLetter(id: Int64(1 + index), isPriority: false)) }
            if index < priorityDue { letters.append(DueLetter(id: Int64(101 + index), isPriority: true)) }
        }
        return letters
    }

    var expectedLetters: [DueLetter] {
        (0..<priority).map { DueLetter(id: Int64(101 + $0), isPriority: true) }
            + (0..<regular).map { DueLetter(id: Int64(1 + $0), isPriority: false) }
    }

    func plan(due: [DueLetter]? = nil) -> SendPlan {
        SendPlanner.plan(
            limits: limits,
            state: state,
            history: history,
            lastRegularBatchAt: lastRegularBatchAt,
            due: due ?? self.due,
            now: now
        )
    }
}

private let now = Fixtures.now
private let minute: TimeInterval = 60
private let hour: TimeInterval = 3600
private let day: TimeInterval = 24 * hour

private func at(_ offset: TimeInterval) -> Date { now.addingTimeInterval(offset) }
private func sends(_ offsets: TimeInterval..., priority: Bool = false) -> [SendRecord] {
    offsets.map { SendRecord(at: at($0), isPriority: priority) }
}
private func limits(max: Int = 100, interval: Int = 0, batch: Int = 10, priority: Int = 10) -> ProfileLimits {
    ProfileLimits(maxPerDay: max, intervalMinutes: interval, batchSize: batch, priorityPerDay: priority)
}

private let cases: [PlannerCase] = [
    PlannerCase(name: "nothing due: nothing planned, nothing waits", limits: limits()),
    PlannerCase(
        name: "all within limits: priority first, then regular",
        limits: limits(),
        priorityDue: 2,
        regularDue: 3,
        priority: 2,
        regular: 3
    ),
    PlannerCase(
        name: "broken: nothing goes, no next time",
        limits: limits(),
        state: .broken(reply: "535", since: at(-hour)),
        priorityDue: 1,
        regularDue: 1,
        priorityWait: .broken,
        regularWait: .broken
    ),
    PlannerCase(
        name: "paused: nothing goes until the pause ends",
        limits: limits(),
        state: .paused(until: at(hour), reply: "421"),
        priorityDue: 1,
        regularDue: 1,
        priorityWait: .paused(until: at(hour)),
        regularWait: .paused(until: at(hour)),
        next: at(hour)
    ),
    PlannerCase(
        name: "a pause ending exactly now is over",
        limits: limits(),
        state: .paused(until: now, reply: "421"),
        priorityDue: 1,
        regularDue: 1,
        priority: 1,
        regular: 1
    ),

    // max_per_day alone.
    PlannerCase(
        name: "max_per_day caps priority letters when the window holds max sends",
        limits: limits(max: 3, priority: 2),
        history: sends(-3 * hour, -2 * hour, -hour),
        priorityDue: 2,
        priorityWait: .dailyLimit(until: at(21 * hour)),
        next: at(21 * hour)
    ),
    PlannerCase(
        name: "max_per_day leaves room for one",
        limits: limits(max: 3, priority: 2),
        history: sends(-2 * hour, -hour),
        priorityDue: 2,
        priority: 1,
        priorityWait: .dailyLimit(until: at(22 * hour)),
        next: at(22 * hour)
    ),
    PlannerCase(
        name: "max_per_day counts priority sends against regular letters",
        limits: limits(max: 4, priority: 1),
        history: sends(-5 * hour, -4 * hour, -3 * hour, priority: true) + sends(-hour),
        regularDue: 2,
        regularWait: .dailyLimit(until: at(19 * hour)),
        next: at(19 * hour)
    ),
    PlannerCase(
        name: "a window over max_per_day (lowered limit) reopens when enough sends leave it",
        limits: limits(max: 2, priority: 0),
        history: sends(-4 * hour, -3 * hour, -2 * hour, -hour),
        regularDue: 1,
        regularWait: .regularShareUsed(until: at(22 * hour)),
        next: at(22 * hour)
    ),

    // The priority share.
    PlannerCase(
        name: "priority share used up",
        limits: limits(priority: 2),
        history: sends(-5 * hour, -hour, priority: true),
        priorityDue: 3,
        regularDue: 1,
        regular: 1,
        priorityWait: .priorityShareUsed(until: at(19 * hour)),
        next: at(19 * hour)
    ),
    PlannerCase(
        name: "priority share caps a run",
        limits: limits(priority: 2),
        history: sends(-hour, priority: true),
        priorityDue: 3,
        priority: 1,
        priorityWait: .priorityShareUsed(until: at(23 * hour)),
        next: at(23 * hour)
    ),
    PlannerCase(
        name: "a test letter is a priority send and counts",
        limits: limits(max: 5, priority: 1),
        history: sends(-minute, priority: true),
        priorityDue: 1,
        priorityWait: .priorityShareUsed(until: at(day - minute)),
        next: at(day - minute)
    ),
    PlannerCase(
        name: "zero priority share: priority letters never go, regular ones do",
        limits: limits(max: 5, priority: 0),
        priorityDue: 2,
        regularDue: 2,
        regular: 2,
        priorityWait: .priorityShareUsed(until: nil)
    ),
    PlannerCase(
        name: "zero regular share: regular letters never go, priority ones do",
        limits: limits(max: 5, priority: 5),
        priorityDue: 2,
        regularDue: 2,
        priority: 2,
        regularWait: .regularShareUsed(until: nil)
    ),

    // The reserve: regular letters never use the priority share.
    PlannerCase(
        name: "regular letters cannot eat into the priority reserve when no priority letter waits",
        limits: limits(max: 5, priority: 2),
        history: sends(-3 * hour, -2 * hour, -hour),
        regularDue: 10,
        regularWait: .regularShareUsed(until: at(21 * hour)),
        next: at(21 * hour)
    ),
    PlannerCase(
        name: "regular letters fill their share and stop at the reserve",
        limits: limits(max: 5, priority: 2),
        history: sends(-hour),
        regularDue: 10,
        regular: 2,
        regularWait: .regularShareUsed(until: at(23 * hour)),
        next: at(23 * hour)
    ),

    // The interval.
    PlannerCase(
        name: "interval: never a regular batch before, regular letters go",
        limits: limits(interval: 10),
        regularDue: 1,
        regular: 1
    ),
    PlannerCase(
        name: "interval: exactly passed counts as passed",
        limits: limits(interval: 10),
        lastRegularBatchAt: at(-10 * minute),
        regularDue: 1,
        regular: 1
    ),
    PlannerCase(
        name: "interval: one second short, regular letters wait",
        limits: limits(interval: 10),
        lastRegularBatchAt: at(-10 * minute + 1),
        regularDue: 1,
        regularWait: .interval(until: at(1)),
        next: at(1)
    ),
    PlannerCase(
        name: "interval 0: every run, even right after a batch",
        limits: limits(interval: 0),
        lastRegularBatchAt: now,
        regularDue: 1,
        regular: 1
    ),
    PlannerCase(
        name: "priority letters skip the interval",
        limits: limits(interval: 60),
        lastRegularBatchAt: at(-minute),
        priorityDue: 1,
        regularDue: 1,
        priority: 1,
        regularWait: .interval(until: at(59 * minute)),
        next: at(59 * minute)
    ),
    PlannerCase(
        name: "the interval outlasts the regular share: interval is the reason",
        limits: limits(max: 3, interval: 30, priority: 1),
        history: sends(-day + minute, -hour),
        lastRegularBatchAt: at(-minute),
        regularDue: 1,
        regularWait: .interval(until: at(29 * minute)),
        next: at(29 * minute)
    ),

    // The batch.
    PlannerCase(
        name: "batch: priority and regular together",
        limits: limits(batch: 3),
        priorityDue: 2,
        regularDue: 5,
        priority: 2,
        regular: 1,
        regularWait: .batchFull,
        next: now
    ),
    PlannerCase(
        name: "batch filled by priority letters: both classes wait for the next run",
        limits: limits(batch: 2),
        priorityDue: 3,
        regularDue: 2,
        priority: 2,
        priorityWait: .batchFull,
        regularWait: .batchFull,
        next: now
    ),
    PlannerCase(
        name: "batch: regular letters left over wait for the next interval",
        limits: limits(interval: 10, batch: 3),
        regularDue: 5,
        regular: 3,
        regularWait: .interval(until: at(10 * minute)),
        next: at(10 * minute)
    ),
    PlannerCase(
        name: "a used-up limit outlasts a full batch",
        limits: limits(max: 10, batch: 2, priority: 2),
        priorityDue: 3,
        priority: 2,
        priorityWait: .priorityShareUsed(until: at(day)),
        next: at(day)
    ),

    // The rolling window's edges: (now − 24 h, now].
    PlannerCase(
        name: "a send exactly 24 h ago no longer counts",
        limits: limits(max: 1, priority: 0),
        history: sends(-day),
        regularDue: 1,
        regular: 1
    ),
    PlannerCase(
        name: "a send 24 h − 1 s ago still counts",
        limits: limits(max: 1, priority: 0),
        history: sends(-day + 1),
        regularDue: 1,
        regularWait: .regularShareUsed(until: at(1)),
        next: at(1)
    ),
    PlannerCase(
        name: "a send recorded after now is outside the window",
        limits: limits(max: 1, priority: 0),
        history: sends(1),
        regularDue: 1,
        regular: 1
    ),

    // Letters claimed, in flight or ambiguous come as records and count.
    PlannerCase(
        name: "a letter claimed at this very moment counts",
        limits: limits(max: 2, priority: 1),
        history: sends(0, priority: true),
        priorityDue: 1,
        regularDue: 1,
        regular: 1,
        priorityWait: .priorityShareUsed(until: at(day)),
        next: at(day)
    ),
    PlannerCase(
        name: "in-flight and ambiguous letters count towards every limit",
        limits: limits(max: 3, priority: 1),
        history: sends(0, priority: true) + sends(-30),
        priorityDue: 1,
        regularDue: 3,
        regular: 1,
        priorityWait: .priorityShareUsed(until: at(day)),
        regularWait: .regularShareUsed(until: at(day - 30)),
        next: at(day - 30)
    ),

    // All limits together.
    PlannerCase(
        name: "every limit at once: each class takes what the tightest limit leaves",
        limits: limits(max: 6, interval: 5, batch: 3, priority: 2),
        history: sends(-2 * hour, priority: true) + sends(-3 * hour, -hour),
        lastRegularBatchAt: at(-5 * minute),
        priorityDue: 4,
        regularDue: 4,
        priority: 1,
        regular: 2,
        priorityWait: .priorityShareUsed(until: at(22 * hour)),
        regularWait: .regularShareUsed(until: at(21 * hour)),
        next: at(21 * hour)
    ),
]

@Suite struct SendPlannerTests {
    @Test(arguments: cases)
    func table(row: PlannerCase) {
        let plan = row.plan()
        #expect(plan.letters == row.expectedLetters)
        #expect(plan.startsRegularBatch == (row.regular > 0))
        #expect(plan.priorityWait == row.priorityWait)
        #expect(plan.regularWait == row.regularWait)
        #expect(plan.nextSendAt == row.next)
    }

    /// The caller may load only the first `batchSize + 1` due letters of each class: same plan.
    @Test(arguments: cases)
    func firstBatchPlusOneOfEachClassIsEnough(row: PlannerCase) {
        let keep = row.limits.batchSize + 1
        let truncated =
            Array(row.due.filter(\.isPriority).prefix(keep)) + Array(row.due.filter { !$0.isPriority }.prefix(keep))
        #expect(row.plan(due: truncated) == row.plan())
    }

    /// With only the first `batchSize` of each class, the same letters go.
    @Test(arguments: cases)
    func firstBatchOfEachClassChoosesTheSameLetters(row: PlannerCase) {
        let keep = row.limits.batchSize
        let truncated =
            Array(row.due.filter(\.isPriority).prefix(keep)) + Array(row.due.filter { !$0.isPriority }.prefix(keep))
        let plan = row.plan(due: truncated)
        #expect(plan.letters == row.expectedLetters)
        #expect(plan.startsRegularBatch == (row.regular > 0))
    }

    /// DESIGN.md §2 acceptance: max_per_day 5, interval 10, batch 2, priority 1; 10 regular and 3
    /// priority letters queued; each run's sends become the next run's history.
    @Test func acceptanceScenario() {
        let limits = ProfileLimits(maxPerDay: 5, intervalMinutes: 10, batchSize: 2, priorityPerDay: 1)
        var queue =
            (1...10).map { DueLetter(id: Int64($0), isPriority: false) }
            + (101...103).map { DueLetter(id: Int64($0), isPriority: true) }
        var history: [SendRecord] = []
        var lastRegularBatchAt: Date?

        func run(at offset: TimeInterval) -> SendPlan {
            let moment = at(offset)
            let plan = SendPlanner.plan(
                limits: limits,
                state: .ok,
                history: history,
                lastRegularBatchAt: lastRegularBatchAt,
                due: queue,
                now: moment
            )
            history += plan.letters.map { SendRecord(at: moment, isPriority: $0.isPriority) }
            queue.removeAll { letter in plan.letters.contains(letter) }
            if plan.startsRegularBatch { lastRegularBatchAt = moment }
            return plan
        }

        let first = run(at: 0)
        #expect(first.letters.map(\.id) == [101, 1])
        #expect(first.priorityWait == .priorityShareUsed(until: at(day)))
        #expect(first.regularWait == .interval(until: at(10 * minute)))

        let second = run(at: minute)
        #expect(second.letters.isEmpty)
        #expect(second.nextSendAt == at(10 * minute))

        let third = run(at: 10 * minute)
        #expect(third.letters.map(\.id) == [2, 3])

        let fourth = run(at: 20 * minute)
        #expect(fourth.letters.map(\.id) == [4])
        #expect(fourth.regularWait == .regularShareUsed(until: at(day)))
        #expect(fourth.nextSendAt == at(day))

        let fifth = run(at: day - 1)
        #expect(fifth.letters.isEmpty)

        let sixth = run(at: day)
        #expect(sixth.letters.map(\.id) == [102, 5])
    }
}
