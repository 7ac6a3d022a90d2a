public import struct Foundation.Date
public import typealias Foundation.TimeInterval

/// Whether a profile's queue can be empty within a time at its limits, from counts: an upper
/// bound on the letters that may leave, so a queue it calls too long is too long whatever the
/// order of sending. What the alert rule asks (`AlertRule`, "the queue will not be empty within N
/// hours"); a forward simulation of the planner may answer the same question more exactly.
///
/// Within `horizon` (at most 24 hours) from `now`, with cron's run every minute:
/// - at most `batchSize` letters per run, priority and regular together;
/// - regular letters only in batches at least `intervalMinutes` apart, the first once the
///   interval after the last regular batch has passed;
/// - no more of each share, nor of `maxPerDay`, than the rolling 24 hours leave room for, counting
///   the sends that leave the window before the horizon ends.
public enum QueueDrainEstimate {
    /// True when `priority` + `regular` queued letters can all leave within `horizon` of `now`.
    public static func emptiesWithin(
        _ horizon: TimeInterval,
        priority: Int,
        regular: Int,
        limits: ProfileLimits,
        history: [SendRecord],
        lastRegularBatchAt: Date?,
        now: Date
    ) -> Bool {
        guard priority + regular > 0 else { return true }
        let span = min(max(horizon, 0), SendWindow.length)
        let end = now.addingTimeInterval(span)
        let window = SendWindow(history: history, now: now)
        // Sends in the window now that have left it by `end`.
        let leaving = history.filter { $0.at > now.addingTimeInterval(-SendWindow.length) && $0.at <= now }
            .filter { $0.at.addingTimeInterval(SendWindow.length) <= end }
        let leavingPriority = leaving.count(where: \.isPriority)
        let runs = Int(span / 60) + 1
        let total = min(runs * limits.batchSize, room(limits.maxPerDay, used: window.count, freed: leaving.count))
        let priorityRoom = room(limits.priorityPerDay, used: window.priorityCount, freed: leavingPriority)
        let regularRoom = room(
            limits.regularPerDay,
            used: window.regularCount,
            freed: leaving.count - leavingPriority
        )
        let regularBatches = batches(limits, lastRegularBatchAt: lastRegularBatchAt, now: now, end: end)
        return priority <= min(priorityRoom, total) && regular <= min(regularRoom, regularBatches * limits.batchSize)
            && priority + regular <= total
    }

    private static func room(_ limit: Int, used: Int, freed: Int) -> Int {
        max(0, limit - used) + freed
    }

    /// Regular batches that may start in [now, end].
    private static func batches(_ limits: ProfileLimits, lastRegularBatchAt: Date?, now: Date, end: Date) -> Int {
        let interval = TimeInterval(max(limits.intervalMinutes, 1) * 60)
        let first = max(
            now,
            lastRegularBatchAt.map { $0.addingTimeInterval(TimeInterval(limits.intervalMinutes * 60)) } ?? now
        )
        guard first <= end else { return 0 }
        return Int(end.timeIntervalSince(first) / interval) + 1
    }
}
