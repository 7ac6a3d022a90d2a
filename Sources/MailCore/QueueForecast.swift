public import struct Foundation.Date

/// When each waiting letter of a profile will leave: the send rules simulated forward from now
/// (DESIGN.md §2, §3; issue 13). Exact for the queue as it is, as long as nothing new arrives, the
/// mail host accepts every letter and nobody changes the profile.
///
/// The simulation runs cron's minute: a run at every whole minute from now, each deciding by
/// `SendPlanner.sending` (the planner's own rules: the rolling 24 hours with the sends already in
/// it, the interval, the batch, the priority share). A run's letters count from its minute; a
/// regular batch that started within a minute counts from that minute (a run acts a moment after
/// cron starts it). Priority letters that the panel or the API wakes a pass for may go up to a
/// minute sooner than forecast.
///
/// Cost: the simulation moves from event to event (a run that sends, a send leaving the 24 hours,
/// an interval ending, a retry falling due), never minute by minute nor letter by letter; and once
/// the runs of a day (or of an interval) repeat those of the one before, it jumps over the repeats
/// by arithmetic. A queue of 100,000 letters costs the batches of a few days.
public struct QueueForecast: Sendable {
    /// When the queue will be empty.
    public enum End: Sendable, Equatable {
        /// No letter waits.
        case nothingWaits
        /// The last waiting letter leaves at this moment.
        case at(Date)
        /// Some letters never leave at the current limits and state: the profile is broken, or a
        /// class's share is 0.
        case never
    }

    private let schedule: ForecastSchedule
    /// The letters waiting in each class, due or not.
    public let waiting: ClassCounts

    /// Simulates a profile's queue from `now`.
    ///
    /// - Parameters:
    ///   - limits, state, lastRegularBatchAt: as `SendPlanner.plan` takes them.
    ///   - history: the profile's sends and claimed letters (`SendRecord`); only those in the 24
    ///     hours before `now` count.
    ///   - priority, regular: the waiting letters of each class.
    public init(
        limits: ProfileLimits,
        state: ProfileState,
        history: [SendRecord],
        lastRegularBatchAt: Date?,
        priority: WaitingLetters,
        regular: WaitingLetters,
        now: Date
    ) {
        waiting = ClassCounts(priority: priority.total, regular: regular.total)
        var firstRun = Minutes.ceiling(now)
        switch state.effective(at: now) {
        case .broken:
            schedule = ForecastSchedule()
            return
        case .paused(let until, _):
            firstRun = max(firstRun, Minutes.ceiling(until))
        case .ok:
            break
        }
        var simulation = ForecastSimulation(
            limits: limits,
            firstRun: firstRun,
            window: SendWindow(history: history, now: now),
            lastRegularBatch: lastRegularBatchAt.map(Minutes.floor),
            priority: priority,
            regular: regular
        )
        simulation.run()
        schedule = simulation.schedule
    }

    /// The expected send time of the waiting letter of its class at `rank` (0: the first to go, in
    /// the order of next attempt, then id). Nil when it will not leave at the current limits and
    /// state, or when fewer letters wait.
    public func expectedAt(isPriority: Bool, rank: Int) -> Date? {
        guard rank < waiting[isPriority] else { return nil }
        return schedule.minute(isPriority: isPriority, rank: rank).map(Minutes.date)
    }

    /// The first run that sends a waiting letter; nil when none will.
    public var nextSendAt: Date? { schedule.firstMinute.map(Minutes.date) }

    /// When the last waiting letter leaves.
    public var end: End {
        guard waiting.total > 0 else { return .nothingWaits }
        var last: Date?
        for isPriority in [true, false] where waiting[isPriority] > 0 {
            guard let at = expectedAt(isPriority: isPriority, rank: waiting[isPriority] - 1) else { return .never }
            last = max(last ?? at, at)
        }
        return last.map(End.at) ?? .nothingWaits
    }
}

/// Whole minutes since 1970 (UTC): cron's grid.
enum Minutes {
    static func ceiling(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 60).rounded(.up)) }
    static func floor(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 60).rounded(.down)) }
    static func date(_ minute: Int) -> Date { Date(timeIntervalSince1970: Double(minute) * 60) }
    /// The rolling window's length in minutes.
    static let day = Int(SendWindow.length / 60)
}
