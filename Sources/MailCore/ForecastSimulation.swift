/// The forward simulation behind `QueueForecast` for one profile that sends (a carrier): its runs
/// from event to event, each deciding as `ReservePlanner` does — the profile's own letters by
/// `SendPlanner.sending`, then the letters it carries for others in what is left — with a jump
/// over the days (or intervals) that repeat.
///
/// The letters come in stretches of time (`load`): the forecast gives the carrier new lanes when
/// the reserve routing changes (a pause ends), and the simulation goes on from the state it
/// reached (the window, the interval), `run(until:)` the next change.
///
/// Times are whole minutes (`Minutes`). A send counts in the rolling 24 hours of the runs after
/// it and before its minute plus 1,440; a send made within a minute, at a second past it, counts
/// as the next minute's (a run at that next minute still sees it, as `SendWindow` would).
struct ForecastSimulation {
    typealias Batch = ForecastSchedule.Batch

    /// One simulated run (or one from the history): what each lane sent at a minute.
    struct Run: Equatable {
        var minute: Int
        var lanes: LaneCounts
    }

    let limits: ProfileLimits
    /// What each lane sent since the last `load`, as stretches.
    private(set) var schedules = LaneSchedules()

    /// The minute of the run to simulate next.
    private var minute: Int
    /// No run sends before this minute: the end of the profile's own short pause.
    private let earliest: Int
    /// The minute the last regular batch started; nil: none ever (or long ago).
    private var lastRegular: Int?
    /// Sends that may still be in the window, and the runs of the last two days, by minute: the
    /// history as it counts, then the simulated runs.
    private var recent: [Run]
    /// `recent[head...]` are in the window of the run at `minute`.
    private var head = 0
    private var inWindow = ClassCounts()
    /// The minutes regular batches started, oldest first: the last one before the simulation
    /// (nil: none ever), then the simulated ones.
    private var regularStarts: [Int]
    /// Letters due and not sent.
    private var due = LaneCounts()
    /// Letters falling due later, by minute, and how many of them have fallen due.
    private var later: [(minute: Int, counts: LaneCounts)] = []
    private var laterDone = 0
    /// Letters not sent yet, due or not.
    private var left = LaneCounts()
    /// The simulated runs since the last stretch of the schedules was closed.
    private var current: [Run] = []
    /// From this minute on no pause holds the profile, the lanes are as loaded and every letter
    /// has fallen due: the runs after it depend only on the window and the interval.
    private var steadyFrom: Int
    private var nextCheck: Int
    /// Whether each class can ever send at these limits (a share of 0 never can).
    private let canSend: (priority: Bool, regular: Bool)

    /// A carrier whose runs may start at `firstRun`, with the sends in `window` and its last
    /// regular batch; it has no letters until `load`.
    init(limits: ProfileLimits, firstRun: Int, window: SendWindow, lastRegularBatch: Int?) {
        self.limits = limits
        minute = firstRun
        earliest = firstRun
        lastRegular = lastRegularBatch
        regularStarts = lastRegularBatch.map { [$0] } ?? []
        var history: [Int: ClassCounts] = [:]
        for time in window.priorityTimes { history[Minutes.ceiling(time), default: ClassCounts()].priority += 1 }
        for time in window.regularTimes { history[Minutes.ceiling(time), default: ClassCounts()].regular += 1 }
        recent = history.keys.sorted().map { Run(minute: $0, lanes: LaneCounts(own: history[$0] ?? ClassCounts())) }
        for run in recent { inWindow += run.lanes.total }
        steadyFrom = firstRun
        nextCheck = firstRun + Minutes.day
        // A class alone, with nothing in the window: a share of 0 sends nothing even then.
        func alone(_ due: ClassCounts) -> Int {
            SendPlanner.sending(limits: limits, inWindow: ClassCounts(), intervalPassed: true, due: due).total
        }
        canSend = (alone(ClassCounts(priority: 1)) > 0, alone(ClassCounts(regular: 1)) > 0)
    }

    /// Gives the carrier its lanes from the run at `start` on (no earlier than its first run):
    /// the letters it sends as its own and those it carries, each class in the queue's order.
    /// The schedules start again: ranks count from the first letter of these lanes.
    mutating func load(own: WaitingQueue, carried: WaitingQueue, from start: Int) {
        schedules = LaneSchedules()
        current = []
        // Runs before `start` were simulated with the lanes before: the next is at `start`.
        minute = max(start, earliest)
        due = LaneCounts(own: own.dueCounts, carried: carried.dueCounts)
        left = LaneCounts(own: own.totals, carried: carried.totals)
        var laterByMinute: [Int: LaneCounts] = [:]
        for (lane, letters) in [(Lane.own, own), (.carried, carried)] {
            for isPriority in [true, false] {
                for (at, count) in letters[isPriority].later {
                    laterByMinute[max(minute, Minutes.ceiling(at)), default: LaneCounts()][lane][isPriority] += count
                }
            }
        }
        later = laterByMinute.keys.sorted().map { ($0, laterByMinute[$0] ?? LaneCounts()) }
        laterDone = 0
        steadyFrom = max(minute, later.last?.minute ?? minute)
        nextCheck = minute + Minutes.day
    }

    /// Simulates the runs before `stop` (nil: until every letter that can leave has left).
    mutating func run(until stop: Int?) {
        while (left.total.priority > 0 && canSend.priority) || (left.total.regular > 0 && canSend.regular) {
            if let stop, minute >= stop { break }
            advance()
            if minute >= nextCheck {
                nextCheck = minute + Minutes.day / 2
                if jumpOverRepeats(before: stop) { continue }
            }
            let sending = decide(at: minute, due: due)
            if sending.total.total > 0 { record(sending) }
            guard let next = nextEvent() else { break }
            minute = next
        }
        schedules.append(current)
        current = []
    }

    // MARK: - One step

    /// What the run at `minute` sends, as `ReservePlanner.plan` decides: the own letters first,
    /// then carried ones in what is left of the batch, the day and the shares.
    private func decide(at minute: Int, due: LaneCounts) -> LaneCounts {
        let passed = intervalPassed(at: minute)
        let own = SendPlanner.sending(limits: limits, inWindow: inWindow, intervalPassed: passed, due: due.own)
        var rest = limits
        rest.batchSize = limits.batchSize - own.total
        guard rest.batchSize > 0, due.carried.total > 0 else { return LaneCounts(own: own) }
        let carried = SendPlanner.sending(
            limits: rest,
            inWindow: inWindow + own,
            intervalPassed: passed,
            due: due.carried
        )
        return LaneCounts(own: own, carried: carried)
    }

    /// Sends leave the window and retries fall due at `minute`.
    private mutating func advance() {
        while head < recent.count, recent[head].minute + Minutes.day <= minute {
            inWindow -= recent[head].lanes.total
            head += 1
        }
        while laterDone < later.count, later[laterDone].minute <= minute {
            due += later[laterDone].counts
            laterDone += 1
        }
        compact()
    }

    private mutating func record(_ sending: LaneCounts) {
        let run = Run(minute: minute, lanes: sending)
        recent.append(run)
        current.append(run)
        inWindow += sending.total
        due -= sending
        left -= sending
        if sending.total.regular > 0 {
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
        if decide(at: following, due: due).total.total > 0 { return following }
        var candidates: [Int] = []
        if due.total.total > 0, head < recent.count { candidates.append(recent[head].minute + Minutes.day) }
        if due.total.regular > 0, let lastRegular { candidates.append(lastRegular + limits.intervalMinutes) }
        if laterDone < later.count { candidates.append(later[laterDone].minute) }
        return candidates.filter { $0 > minute }.min()
    }

    // MARK: - Repeats

    /// When the runs before `minute` repeat with a period (a day, or the interval), and the state
    /// at `minute` (the window and the interval) is the state one period before, the runs after
    /// `minute` repeat them too, as long as each lane has letters of each class for them: this
    /// adds whole periods to the schedules at once (keeping one back, so the last ones are
    /// simulated, and one before `stop`) and moves the simulation past them. True when it jumped.
    private mutating func jumpOverRepeats(before stop: Int?) -> Bool {
        guard laterDone == later.count else { return false }
        let periods = Set([max(limits.intervalMinutes, 1), Minutes.day]).filter { $0 <= Minutes.day }.sorted()
        for period in periods where minute - period >= steadyFrom {
            guard repeats(period: period) else { continue }
            let template = runs(from: minute - period, to: minute)
            let perPeriod = template.reduce(LaneCounts()) { $0 + $1.lanes }
            guard perPeriod.total.total > 0 else { return false }
            var times = stop.map { (($0 - minute) / period) - 1 } ?? Int.max
            for lane in Lane.allCases {
                for isPriority in [true, false] where perPeriod[lane][isPriority] > 0 {
                    times = min(times, left[lane][isPriority] / perPeriod[lane][isPriority] - 1)
                }
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
        let now = runs(from: minute - Minutes.day + 1, to: minute)
        let then = runs(from: earlier - Minutes.day + 1, to: earlier)
        guard now.count == then.count else { return false }
        for (a, b) in zip(now, then) where a.minute != b.minute + period || a.lanes.total != b.lanes.total {
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

    private mutating func jump(period: Int, times: Int, template: [Run], perPeriod: LaneCounts) {
        let shift = period * times
        schedules.append(current)
        current = []
        schedules.append(
            template.map { Run(minute: $0.minute + period, lanes: $0.lanes) },
            period: period,
            repetitions: times
        )
        left -= perPeriod.times(times)
        due = left
        // The state `shift` minutes on is this one moved: keep what `repeats` and the window read.
        let keepFrom = minute - period - Minutes.day + 1
        let firstKept = max(0, Self.lowerBound(keepFrom, in: regularStarts) - 1)
        regularStarts = regularStarts[firstKept...].map { $0 + shift }
        recent = runs(from: keepFrom, to: minute).map { Run(minute: $0.minute + shift, lanes: $0.lanes) }
        lastRegular = lastRegular.map { $0 + shift }
        minute += shift
        nextCheck = minute + Minutes.day / 2
        head = lowerBound(minute - Minutes.day + 1)
        inWindow = recent[head...].reduce(ClassCounts()) { $0 + $1.lanes.total }
    }

    // MARK: - The recent runs

    /// The runs in `recent` with a minute in [from, to).
    private func runs(from: Int, to: Int) -> [Run] {
        Array(recent[lowerBound(from)..<lowerBound(to)])
    }

    /// The index of the first run in `recent` at or after `minute`.
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

    /// Drops runs older than `repeats` can read (two days), once they are many.
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
