public import struct Foundation.Date

/// When each waiting letter will leave: the send rules simulated forward from now (DESIGN.md §2,
/// §3, §6; issues 13 and 14), over the profiles together, because a profile that cannot send
/// has its letters carried by its reserve. Exact for the queue as it is, as long as nothing new
/// arrives, the mail host accepts every letter and nobody changes a profile.
///
/// - **Cron's minute.** A run at every whole minute from now, each profile's deciding as
///   `ReservePlanner.plan` does (the planner's own rules by `SendPlanner.sending`: the rolling 24
///   hours with the sends already in it, the interval, the batch, the priority share; a carrier's
///   own letters first, then the letters it carries in what is left). A run's letters count from
///   its minute; a regular batch that started within a minute counts from that minute (a run acts
///   a moment after cron starts it). Priority letters that the panel or the API wakes a pass for
///   may go up to a minute sooner than forecast.
/// - **The reserve.** The letters of a profile that cannot send (broken, or paused past the next
///   run) go through the first profile along its chain of reserves that can (`ReserveRoute`),
///   except those that never change mailbox (`ForecastSource.Kind.fixed`), which wait; letters
///   whose attempt through a reserve may have delivered them go only through it. The routing is
///   taken again at each minute a pause that moved letters ends: from then on the profile sends
///   its own. A profile with no working profile along its chain keeps its letters waiting.
/// - **Cost.** Each carrier's simulation moves from event to event (a run that sends, a send
///   leaving the 24 hours, an interval ending, a retry falling due, a pause ending), never
///   minute by minute nor letter by letter; once the runs of a day (or of an interval) repeat those
///   of the one before, it jumps over the repeats by arithmetic. A queue of 100,000 letters costs
///   the batches of a few days. Only a lane that carries several groups of letters asks the queue
///   for their order (`QueueOrder`).
public struct QueueForecast {
    /// When a profile's queue will be empty.
    public enum End: Sendable, Equatable {
        /// No letter waits.
        case nothingWaits
        /// The last waiting letter leaves at this moment.
        case at(Date)
        /// Some letters never leave at the current limits and states: the profile is broken (and
        /// no reserve carries them), or a class's share is 0.
        case never
    }

    /// One lane of one carrier while the routing stays as it is.
    private struct LaneRecord {
        /// Its groups of letters, each with how many of it had gone before.
        let tails: [(source: ForecastSource, offset: ClassCounts)]
        let schedule: ForecastSchedule
    }

    /// A group's lane while the routing stays as it is, and how many of it had gone before.
    private struct Placement {
        let lane: Int
        let offset: ClassCounts
    }

    private var order: any QueueOrder
    private let letters: [ForecastSource: WaitingQueue]
    private var lanes: [LaneRecord] = []
    private var placements: [ForecastSource: [Placement]] = [:]

    /// Simulates the queue of `profiles` from `now`.
    ///
    /// - Parameters:
    ///   - profiles: every profile whose letters or limits the forecast may involve: a profile's
    ///     reserves, and the profiles they carry for, with it.
    ///   - letters: the waiting letters of each group, each class in the queue's order.
    ///   - order: the queue's order over several groups, asked only for lanes that carry more
    ///     than one; its errors are the forecast's.
    public init(
        profiles: [ForecastProfile],
        letters: [ForecastSource: WaitingQueue],
        order: any QueueOrder,
        now: Date
    ) throws {
        self.order = order
        self.letters = letters.filter { $0.value.totals.total > 0 }
        let first = Minutes.ceiling(now)
        var byID: [Int64: ForecastProfile] = [:]
        for profile in profiles { byID[profile.id] = profile }
        let links = byID.mapValues { ReserveLink(state: $0.state, reserveID: $0.reserveID) }
        let starts = Self.routingChanges(profiles, from: first)
        var offsets: [ForecastSource: ClassCounts] = [:]
        var simulations: [Int64: ForecastSimulation] = [:]
        for (index, start) in starts.enumerated() {
            let stop = index + 1 < starts.count ? starts[index + 1] : nil
            var groups: [Int64: [Lane: [ForecastSource]]] = [:]
            for source in self.letters.keys {
                guard let (carrier, lane) = Self.route(source, links: links, at: Minutes.date(start)) else { continue }
                groups[carrier, default: [:]][lane, default: []].append(source)
            }
            var stretch: [Int] = []
            for (carrierID, group) in groups.sorted(by: { $0.key < $1.key }) {
                guard let profile = byID[carrierID] else { continue }
                var simulation =
                    simulations[carrierID]
                    ?? ForecastSimulation(
                        limits: profile.limits,
                        firstRun: Self.firstRun(of: profile, from: start),
                        window: SendWindow(history: profile.history, now: now),
                        lastRegularBatch: profile.lastRegularBatchAt.map(Minutes.floor)
                    )
                func tails(_ lane: Lane) -> [(source: ForecastSource, offset: ClassCounts)] {
                    (group[lane] ?? []).map { ($0, offsets[$0] ?? ClassCounts()) }
                }
                func queue(_ lane: Lane) -> WaitingQueue {
                    tails(lane).reduce(WaitingQueue()) { sum, tail in
                        sum + (self.letters[tail.source] ?? WaitingQueue()).dropping(tail.offset)
                    }
                }
                simulation.load(own: queue(.own), carried: queue(.carried), from: start)
                simulation.run(until: stop)
                simulations[carrierID] = simulation
                for lane in Lane.allCases where !tails(lane).isEmpty {
                    for tail in tails(lane) {
                        placements[tail.source, default: []].append(Placement(lane: lanes.count, offset: tail.offset))
                    }
                    stretch.append(lanes.count)
                    lanes.append(LaneRecord(tails: tails(lane), schedule: simulation.schedules[lane]))
                }
            }
            guard stop != nil else { break }
            for lane in stretch {
                for isPriority in [true, false] {
                    for (source, sent) in try gone(in: lanes[lane], isPriority: isPriority) {
                        offsets[source, default: ClassCounts()][isPriority] += sent
                    }
                }
            }
        }
    }

    /// The forecast's first run: the whole minute at or after `now`, cron's next. A forecast made
    /// at any moment before the same run, from the queue and the sends as they stand then, is the
    /// same forecast.
    public static func firstRun(after now: Date) -> Date {
        Minutes.date(Minutes.ceiling(now))
    }

    /// The same forecast, asking `order` for the queue's order from now on: a forecast kept
    /// beyond the read it was made in asks the connection that uses it, never holds one.
    public func reading(_ order: any QueueOrder) -> QueueForecast {
        var forecast = self
        forecast.order = order
        return forecast
    }

    // MARK: - Questions

    /// The letters of each class waiting for `profileID`, whichever way they go.
    public func waiting(of profileID: Int64) -> ClassCounts {
        letters.filter { $0.key.profileID == profileID }.values.reduce(ClassCounts()) { $0 + $1.totals }
    }

    /// When the waiting letter of `source` at `key` (its class given) is expected to leave; nil
    /// when it will not at the current limits and states (or does not wait).
    public func expectedAt(_ source: ForecastSource, key: QueueKey, isPriority: Bool) throws -> Date? {
        // Its place, counted from the nearer end of its group's queue (the key is one of them).
        let total = letters[source]?.totals[isPriority] ?? 0
        let half = total / 2 + 1
        let after = try order.count(after: key, in: source, isPriority: isPriority, limit: half)
        let index =
            after < half ? total - 1 - after : try order.count(before: key, in: source, isPriority: isPriority)
        return try expectedAt(source, index: index, isPriority: isPriority, key: key)
    }

    /// The first run that sends a waiting letter of `profileID`; nil when none will.
    public func nextSendAt(of profileID: Int64) throws -> Date? {
        var first: Date?
        for (source, queue) in letters where source.profileID == profileID {
            for isPriority in [true, false] where queue.totals[isPriority] > 0 {
                if let at = try expectedAt(source, index: 0, isPriority: isPriority, key: nil) {
                    first = min(first ?? at, at)
                }
            }
        }
        return first
    }

    /// When the last waiting letter of `profileID` leaves.
    public func end(of profileID: Int64) throws -> End {
        var last: Date?
        for (source, queue) in letters where source.profileID == profileID {
            for isPriority in [true, false] where queue.totals[isPriority] > 0 {
                let index = queue.totals[isPriority] - 1
                guard let at = try expectedAt(source, index: index, isPriority: isPriority, key: nil) else {
                    return .never
                }
                last = max(last ?? at, at)
            }
        }
        return last.map(End.at) ?? .nothingWaits
    }

    // MARK: - Inside

    /// The letter at `index` of `source`'s class (`key`, when the caller knows it): the lane that
    /// sends it, and its place there.
    private func expectedAt(_ source: ForecastSource, index: Int, isPriority: Bool, key: QueueKey?) throws -> Date? {
        guard index >= 0, index < letters[source]?.totals[isPriority] ?? 0 else { return nil }
        var key = key
        for placement in placements[source] ?? [] where index >= placement.offset[isPriority] {
            let lane = lanes[placement.lane]
            let tails = waitingTails(of: lane, isPriority: isPriority)
            var position = index - placement.offset[isPriority]
            if tails.count > 1 {
                if key == nil {
                    key = try order.key(at: index, merging: [(source, 0)], isPriority: isPriority)
                }
                guard let key else { return nil }
                for tail in tails where tail.source != source {
                    position += max(
                        0,
                        try order.count(before: key, in: tail.source, isPriority: isPriority) - tail.offset
                    )
                }
            }
            if position < lane.schedule.sent[isPriority] {
                return lane.schedule.minute(isPriority: isPriority, rank: position).map(Minutes.date)
            }
        }
        return nil
    }

    /// The groups of `lane` with letters of the class left, and how many of each had gone.
    private func waitingTails(of lane: LaneRecord, isPriority: Bool) -> [(source: ForecastSource, offset: Int)] {
        lane.tails.compactMap { tail in
            let total = letters[tail.source]?.totals[isPriority] ?? 0
            return total > tail.offset[isPriority] ? (tail.source, tail.offset[isPriority]) : nil
        }
    }

    /// How many letters of each group the lane sent in its stretch: the first of their order.
    private func gone(in lane: LaneRecord, isPriority: Bool) throws -> [(ForecastSource, Int)] {
        let sent = lane.schedule.sent[isPriority]
        let tails = waitingTails(of: lane, isPriority: isPriority)
        guard sent > 0 else { return [] }
        guard tails.count > 1 else { return tails.map { ($0.source, sent) } }
        let next = try order.key(at: sent, merging: tails, isPriority: isPriority)
        return try tails.map { tail in
            let waiting = (letters[tail.source]?.totals[isPriority] ?? 0) - tail.offset
            guard let next else { return (tail.source, waiting) }
            let before = try order.count(before: next, in: tail.source, isPriority: isPriority) - tail.offset
            return (tail.source, min(waiting, max(0, before)))
        }
    }

    /// The profile whose run sends `source`'s letters from `at`, and in which lane; nil when
    /// they wait.
    private static func route(_ source: ForecastSource, links: [Int64: ReserveLink], at: Date) -> (Int64, Lane)? {
        switch source.kind {
        case .movable:
            guard let carrier = ReserveRoute.carrier(of: source.profileID, links: links, now: at) else { return nil }
            return (carrier, carrier == source.profileID ? .own : .carried)
        case .fixed:
            let carrier = ReserveRoute.carrier(of: source.profileID, links: links, now: at)
            return carrier == source.profileID ? (source.profileID, .own) : nil
        case .via(let reserveID):
            let carrier = ReserveRoute.carrier(of: reserveID, links: links, now: at)
            return carrier == reserveID ? (reserveID, .carried) : nil
        }
    }

    /// The minutes the routing is taken: the first run, and each run at which a pause that moves
    /// letters to a reserve no longer does.
    private static func routingChanges(_ profiles: [ForecastProfile], from first: Int) -> [Int] {
        var changes: Set<Int> = []
        for profile in profiles {
            guard case .paused(let until, _) = profile.state.effective(at: Minutes.date(first)),
                ReserveRoute.needsReserve(profile.state, now: Minutes.date(first))
            else { continue }
            changes.insert(Minutes.ceiling(until.addingTimeInterval(-ReserveRoute.cronPeriod)))
        }
        return [first] + changes.filter { $0 > first }.sorted()
    }

    /// The first run of a profile that sends from `start`: later when it is paused.
    private static func firstRun(of profile: ForecastProfile, from start: Int) -> Int {
        if case .paused(let until, _) = profile.state.effective(at: Minutes.date(start)) {
            return max(start, Minutes.ceiling(until))
        }
        return start
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
