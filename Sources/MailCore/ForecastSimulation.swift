/// The forward simulation behind `QueueForecast`: a profile's runs from event to event, each
/// deciding by `SendPlanner.sending`, with a jump over the days (or intervals) that repeat.
///
/// Times are whole minutes (`Minutes`). A send counts in the rolling 24 hours of the runs after
/// it and before its minute plus 1,440; a send made within a minute, at a second past it, counts
/// as the next minute's (a run at that next minute still sees it, as `SendWindow` would).
struct ForecastSimulation {
    typealias Batch = ForecastSchedule.Batch

    let limits: ProfileLimits
    private(set) var schedule = ForecastSchedule()

    /// The minute of the run to simulate next.
    private var minute: Int
    /// The minute the last regular batch started; nil: none ever (or long ago).
    private var lastRegular: Int?
    /// Sends that may still be in the window, and the runs of the last two days, by minute: the
    /// history as it counts, then the simulated runs.
    private var recent: [Batch]
    /// `recent[head...]` are in the window of the run at `minute`.
    private var head = 0
    private var inWindow = ClassCounts()
    /// The minutes regular batches started, oldest first: the last one before the simulation
    /// (nil: none ever), then the simulated ones.
    private var regularStarts: [Int]
    /// Letters due and not sent.
    private var due = ClassCounts()
    /// Letters falling due later, by minute, and how many of them have fallen due.
    private var later: [(minute: Int, counts: ClassCounts)]
    private var laterDone = 0
    /// Letters not sent yet, due or not.
    private var left: ClassCounts
    /// The simulated runs since the last stretch of the schedule was closed.
    private var current: [Batch] = []
    /// From this minute on no pause holds the profile and every letter has fallen due: the runs
    /// after it depend only on the window and the interval.
    private let steadyFrom: Int
    private var nextCheck: Int
    /// Whether each class can ever send at these limits (a share of 0 never can).
    private let canSend: (priority: Bool, regular: Bool)

    init(
        limits: ProfileLimits,
        firstRun: Int,
        window: SendWindow,
        lastRegularBatch: Int?,
        priority: WaitingLetters,
        regular: WaitingLetters
    ) {
        self.limits = limits
        minute = firstRun
        lastRegular = lastRegularBatch
        regularStarts = lastRegularBatch.map { [$0] } ?? []
        var history: [Int: ClassCounts] = [:]
        for time in window.priorityTimes { history[Minutes.ceiling(time), default: ClassCounts()].priority += 1 }
        for time in window.regularTimes { history[Minutes.ceiling(time), default: ClassCounts()].regular += 1 }
        recent = history.keys.sorted().map { Batch(minute: $0, counts: history[$0] ?? ClassCounts()) }
        for batch in recent {
            inWindow.priority += batch.counts.priority
            inWindow.regular += batch.counts.regular
        }
        var laterByMinute: [Int: ClassCounts] = [:]
        due = ClassCounts(priority: priority.due, regular: regular.due)
        for (isPriority, letters) in [(true, priority), (false, regular)] {
            for (at, count) in letters.later {
                laterByMinute[max(firstRun, Minutes.ceiling(at)), default: ClassCounts()][isPriority] += count
            }
        }
        later = laterByMinute.keys.sorted().map { ($0, laterByMinute[$0] ?? ClassCounts()) }
        left = ClassCounts(priority: priority.total, regular: regular.total)
        steadyFrom = max(firstRun, later.last?.minute ?? firstRun)
        nextCheck = firstRun + Minutes.day
        // A class alone, with nothing in the window: a share of 0 sends nothing even then.
        func alone(_ due: ClassCounts) -> Int {
            SendPlanner.sending(limits: limits, inWindow: ClassCounts(), intervalPassed: true, due: due).total
        }
        canSend = (alone(ClassCounts(priority: 1)) > 0, alone(ClassCounts(regular: 1)) > 0)
    }

    /// Simulates until every letter that can leave has left.
    mutating func run() {
        while (left.priority > 0 && canSend.priority) || (left.regular > 0 && canSend.regular) {
            advance()
            if minute >= nextCheck {
                nextCheck = minute + Minutes.day / 2
                if jumpOverRepeats() { continue }
            }
            let sending = SendPlanner.sending(
                limits: limits,
                inWindow: inWindow,
                intervalPassed: intervalPassed(at: minute),
                due: due
            )
            if sending.total > 0 { record(sending) }
            guard let next = nextEvent() else { break }
            minute = next
        }
        schedule.append(current)
    }

    // MARK: - One step

    /// Sends leave the window and retries fall due at `minute`.
    private mutating func advance() {
        while head < recent.count, recent[head].minute + Minutes.day <= minute {
            inWindow.priority -= recent[head].counts.priority
            inWindow.regular -= recent[head].counts.regular
            head += 1
        }
        while laterDone < later.count, later[laterDone].minute <= minute {
            due.priority += later[laterDone].counts.priority
            due.regular += later[laterDone].counts.regular
            laterDone += 1
        }
        compact()
    }

    private mutating func record(_ sending: ClassCounts) {
        let batch = Batch(minute: minute, counts: sending)
        recent.append(batch)
        current.append(batch)
        inWindow.priority += sending.priority
        inWindow.regular += sending.regular
        due.priority -= sending.priority
        due.regular -= sending.regular
        left.priority -= sending.priority
        left.regular -= sending.regular
        if sending.regular > 0 {
            lastRegular = minute
            regularStarts.append(minute)
        }
    }

    private func intervalPassed(at minute: Int) -> Bool {
        SendPlanner.intervalPassed(since: lastRegular.map(Minutes.date), limits, at: Minutes.date(minute))
    }

    /// The next minute at which a run could send more than the last one: the next cron minute
    /// when only the batch held letters back, else the first send leaving the window, the end
    /// of the interval or a retry falling due. Nil when nothing will ever change.
    private func nextEvent() -> Int? {
        let following = minute + 1
        let sending = SendPlanner.sending(
            limits: limits,
            inWindow: inWindow,
            intervalPassed: intervalPassed(at: following),
            due: due
        )
        if sending.total > 0 { return following }
        var candidates: [Int] = []
        if due.total > 0, head < recent.count { candidates.append(recent[head].minute + Minutes.day) }
        if due.regular > 0, let lastRegular { candidates.append(lastRegular + limits.intervalMinutes) }
        if laterDone < later.count { candidates.append(later[laterDone].minute) }
        return candidates.filter { $0 > minute }.min()
    }

    // MARK: - Repeats

    /// When the runs before `minute` repeat with a period (a day, or the interval), and the state
    /// at `minute` (the window and the interval) is the state one period before, the runs after
    /// `minute` repeat them too, as long as each class has letters for them: this adds whole
    /// periods to the schedule at once (keeping one back, so the last ones are simulated) and
    /// moves the simulation past them. True when it jumped.
    private mutating func jumpOverRepeats() -> Bool {
        guard laterDone == later.count else { return false }
        let periods = Set([max(limits.intervalMinutes, 1), Minutes.day]).filter { $0 <= Minutes.day }.sorted()
        for period in periods where minute - period >= steadyFrom {
            guard repeats(period: period) else { continue }
            let template = batches(from: minute - period, to: minute)
            var perPeriod = ClassCounts()
            for batch in template {
                perPeriod.priority += batch.counts.priority
                perPeriod.regular += batch.counts.regular
            }
            guard perPeriod.total > 0 else { return false }
            var times = Int.max
            for isPriority in [true, false] where perPeriod[isPriority] > 0 {
                times = min(times, left[isPriority] / perPeriod[isPriority] - 1)
            }
            guard times >= 1 else { return false }
            jump(period: period, times: times, template: template, perPeriod: perPeriod)
            return true
        }
        return false
    }

    /// Whether the state at `minute` is the state at `minute - period`: the same sends in the
    /// window, shifted by the period, and the same time since the last regular batch (as far as
    /// the interval cares).
    private func repeats(period: Int) -> Bool {
        let earlier = minute - period
        let now = batches(from: minute - Minutes.day + 1, to: minute)
        let then = batches(from: earlier - Minutes.day + 1, to: earlier)
        guard now.count == then.count else { return false }
        for (a, b) in zip(now, then) where a.minute != b.minute + period || a.counts != b.counts {
            return false
        }
        return sinceRegular(at: minute) == sinceRegular(at: earlier)
    }

    /// Minutes since the last regular batch before `at`, while the interval still holds; -1 when
    /// it has passed (or none ever was).
    private func sinceRegular(at: Int) -> Int {
        guard let last = regularStarts[..<Self.lowerBound(at, in: regularStarts)].last,
            at - last < limits.intervalMinutes
        else { return -1 }
        return at - last
    }

    private mutating func jump(period: Int, times: Int, template: [Batch], perPeriod: ClassCounts) {
        let shift = period * times
        schedule.append(current)
        current = []
        schedule.append(
            template.map { Batch(minute: $0.minute + period, counts: $0.counts) },
            period: period,
            repetitions: times
        )
        left.priority -= perPeriod.priority * times
        left.regular -= perPeriod.regular * times
        due = left
        // The state `shift` minutes on is this one moved: keep what `repeats` and the window read.
        let keepFrom = minute - period - Minutes.day + 1
        let firstKept = max(0, Self.lowerBound(keepFrom, in: regularStarts) - 1)
        regularStarts = regularStarts[firstKept...].map { $0 + shift }
        recent = batches(from: keepFrom, to: minute).map { Batch(minute: $0.minute + shift, counts: $0.counts) }
        lastRegular = lastRegular.map { $0 + shift }
        minute += shift
        nextCheck = minute + Minutes.day / 2
        head = lowerBound(minute - Minutes.day + 1)
        inWindow = ClassCounts()
        for batch in recent[head...] {
            inWindow.priority += batch.counts.priority
            inWindow.regular += batch.counts.regular
        }
    }

    // MARK: - The recent runs

    /// The batches in `recent` with a minute in [from, to).
    private func batches(from: Int, to: Int) -> [Batch] {
        Array(recent[lowerBound(from)..<lowerBound(to)])
    }

    /// The index of the first batch in `recent` at or after `minute`.
    private func lowerBound(_ minute: Int) -> Int {
        Self.lowerBound(minute, in: recent.lazy.map(\.minute))
    }

    /// The index of the first of the sorted `minutes` at or after `minute`.
    private static func lowerBound(_ minute: Int, in minutes: some RandomAccessCollection<Int>) -> Int {
        var low = 0
        var high = minutes.count
        while low < high {
            let middle = (low + high) / 2
            if minutes[minutes.index(minutes.startIndex, offsetBy: middle)] < minute {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// Drops batches older than `repeats` can read (two days), once they are many.
    private mutating func compact() {
        guard head > 4096 else { return }
        let keep = min(head, lowerBound(minute - 2 * Minutes.day - 1))
        guard keep > recent.count / 2 else { return }
        recent.removeFirst(keep)
        head -= keep
        let starts = Self.lowerBound(minute - 2 * Minutes.day - 1, in: regularStarts)
        if starts > 1 { regularStarts.removeFirst(starts - 1) }
    }
}
