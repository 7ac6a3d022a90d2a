public import struct Foundation.Date

/// The send rules of DESIGN.md §2 for one profile at one moment: which due letters a run sends and
/// why the others wait. Pure: the caller loads the inputs and the sender executes the `SendPlan`.
///
/// - Priority letters go first, whatever the interval, while fewer than priority_per_day priority
///   letters and fewer than max_per_day letters went in the last 24 hours.
/// - Regular letters go next, once interval_minutes have passed since the last regular batch
///   started (exactly that long counts; 0: every run), while fewer than max_per_day −
///   priority_per_day regular letters and fewer than max_per_day letters went in the last 24 hours.
/// - No more than batch_size letters go in one run, priority and regular together.
/// - The last 24 hours are the rolling window (now − 24 h, now] of `SendWindow`.
public enum SendPlanner {
    /// Plans one run of one profile at `now`.
    ///
    /// - Parameters:
    ///   - limits: the profile's limits, as `ProfileValidator` accepts them.
    ///   - state: the profile's state; a pause that has ended by `now` counts as `.ok`.
    ///   - history: the profile's sends and its letters claimed, in flight or ambiguous (see
    ///     `SendRecord`), in any order. Only records in (now − 24 h, now] count, so loading just
    ///     those is enough.
    ///   - lastRegularBatchAt: when the profile's last regular batch started; nil if never.
    ///   - due: the profile's due letters, each class oldest first (the classes may be interleaved).
    ///     The first `batchSize + 1` letters of each class are enough: no more than `batchSize` of a
    ///     class can go, and one more tells that a letter of the class is left waiting. With only the
    ///     first `batchSize`, the plan sends the same letters but reports no wait for a class whose
    ///     given letters all go.
    ///   - now: the run's moment.
    /// - Complexity: O(history + due).
    public static func plan(
        limits: ProfileLimits,
        state: ProfileState,
        history: [SendRecord],
        lastRegularBatchAt: Date?,
        due: [DueLetter],
        now: Date
    ) -> SendPlan {
        let priorityDue = due.count(where: \.isPriority)
        let regularDue = due.count - priorityDue
        switch state.effective(at: now) {
        case .broken:
            return held(priorityDue: priorityDue, regularDue: regularDue, reason: .broken, now: now)
        case .paused(let until, _):
            return held(priorityDue: priorityDue, regularDue: regularDue, reason: .paused(until: until), now: now)
        case .ok:
            break
        }

        var window = SendWindow(history: history, now: now)
        let counts = sending(
            limits: limits,
            inWindow: ClassCounts(priority: window.priorityCount, regular: window.regularCount),
            intervalPassed: intervalPassed(since: lastRegularBatchAt, limits, at: now),
            due: ClassCounts(priority: priorityDue, regular: regularDue)
        )
        let priority = first(counts.priority, of: due, isPriority: true)
        let regular = first(counts.regular, of: due, isPriority: false)

        window.add(priority: priority.count, regular: regular.count)
        let regularBatchAt = regular.isEmpty ? lastRegularBatchAt : now
        let priorityWait =
            priorityDue > priority.count
            ? wait(isPriority: true, limits, window, regularBatchAt: regularBatchAt) : nil
        let regularWait =
            regularDue > regular.count
            ? wait(isPriority: false, limits, window, regularBatchAt: regularBatchAt) : nil
        return SendPlan(
            letters: priority + regular,
            startsRegularBatch: !regular.isEmpty,
            priorityWait: priorityWait,
            regularWait: regularWait,
            nextSendAt: nextSendAt(priorityWait, regularWait, now: now)
        )
    }

    /// How many letters of each class one run sends, the rules of the type's comment over counts:
    /// `inWindow` are the sends in the rolling 24 hours, `due` the letters due in each class.
    /// `plan` and `QueueForecast` both decide by it.
    public static func sending(
        limits: ProfileLimits,
        inWindow: ClassCounts,
        intervalPassed: Bool,
        due: ClassCounts
    ) -> ClassCounts {
        let inWindowTotal = inWindow.priority + inWindow.regular
        let priorityRoom = min(
            limits.batchSize,
            limits.priorityPerDay - inWindow.priority,
            limits.maxPerDay - inWindowTotal
        )
        let priority = max(0, min(priorityRoom, due.priority))
        let regularRoom =
            intervalPassed
            ? min(
                limits.batchSize - priority,
                limits.regularPerDay - inWindow.regular,
                limits.maxPerDay - inWindowTotal - priority
            )
            : 0
        return ClassCounts(priority: priority, regular: max(0, min(regularRoom, due.regular)))
    }

    /// Whether regular letters may go at `now`: interval_minutes have passed since the last regular
    /// batch started at `lastRegularBatchAt` (exactly that long counts), or none ever did.
    public static func intervalPassed(since lastRegularBatchAt: Date?, _ limits: ProfileLimits, at now: Date) -> Bool {
        lastRegularBatchAt.map { intervalEnd(after: $0, limits) <= now } ?? true
    }

    /// The plan of a profile that may send nothing: every waiting class waits for `reason`.
    private static func held(priorityDue: Int, regularDue: Int, reason: WaitReason, now: Date) -> SendPlan {
        let priorityWait = priorityDue > 0 ? reason : nil
        let regularWait = regularDue > 0 ? reason : nil
        return SendPlan(
            letters: [],
            startsRegularBatch: false,
            priorityWait: priorityWait,
            regularWait: regularWait,
            nextSendAt: nextSendAt(priorityWait, regularWait, now: now)
        )
    }

    /// The first `count` letters of one class, in the order given.
    private static func first(_ count: Int, of due: [DueLetter], isPriority: Bool) -> [DueLetter] {
        var chosen: [DueLetter] = []
        guard count > 0 else { return chosen }
        for letter in due where letter.isPriority == isPriority {
            chosen.append(letter)
            if chosen.count == count { break }
        }
        return chosen
    }

    /// When the interval after a regular batch started at `start` has passed.
    private static func intervalEnd(after start: Date, _ limits: ProfileLimits) -> Date {
        start.addingTimeInterval(Double(max(limits.intervalMinutes, 0)) * 60)
    }

    /// Why letters of one class still wait once the planned letters are in `window`: the limit that
    /// holds them longest (on a tie, the class's share before max_per_day before the interval), or
    /// a full batch when no limit holds them.
    private static func wait(
        isPriority: Bool,
        _ limits: ProfileLimits,
        _ window: SendWindow,
        regularBatchAt: Date?
    ) -> WaitReason {
        var holding: [WaitReason] = []
        let (times, share) =
            isPriority ? (window.priorityTimes, limits.priorityPerDay) : (window.regularTimes, limits.regularPerDay)
        if times.count >= share {
            let until = window.reopening(times, limit: share)
            holding.append(isPriority ? .priorityShareUsed(until: until) : .regularShareUsed(until: until))
        }
        if window.count >= limits.maxPerDay {
            let until = window.reopening(window.priorityTimes + window.regularTimes, limit: limits.maxPerDay)
            holding.append(.dailyLimit(until: until))
        }
        if !isPriority, let start = regularBatchAt, intervalEnd(after: start, limits) > window.now {
            holding.append(.interval(until: intervalEnd(after: start, limits)))
        }
        guard var longest = holding.first else { return .batchFull }
        for reason in holding.dropFirst()
        where lasts(reason.resumption(now: window.now), longerThan: longest.resumption(now: window.now)) {
            longest = reason
        }
        return longest
    }

    /// Whether a wait ending at `end` lasts longer than one ending at `other` (nil: never ends).
    private static func lasts(_ end: Date?, longerThan other: Date?) -> Bool {
        guard let other else { return false }
        guard let end else { return true }
        return end > other
    }

    /// The earliest moment a waiting class could go.
    private static func nextSendAt(_ priorityWait: WaitReason?, _ regularWait: WaitReason?, now: Date) -> Date? {
        [priorityWait, regularWait].compactMap { $0?.resumption(now: now) }.min()
    }
}
