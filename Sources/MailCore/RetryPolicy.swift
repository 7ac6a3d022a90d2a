public import struct Foundation.Date
public import typealias Foundation.TimeInterval

/// When a letter that failed for a temporary reason is tried again (DESIGN.md §3, "Outcomes"):
/// after about 1 min, 5 min, 15 min, 1 h, 3 h, 6 h, then every 6 h, each delay shifted by up to
/// ±10 %, until 72 hours after the letter was enqueued.
public enum RetryPolicy {
    /// The delays after the 1st, 2nd, … failed attempt; the last one repeats.
    public static let delays: [TimeInterval] = [60, 5 * 60, 15 * 60, 60 * 60, 3 * 60 * 60, 6 * 60 * 60]
    /// How far a delay may be shifted either way, as a fraction of it.
    public static let jitterFraction = 0.1
    /// A letter is never tried later than this long after it was enqueued.
    public static let maximumAge: TimeInterval = 72 * 60 * 60

    /// When to try a letter again after a temporary failure at `now`, or nil to fail it because that
    /// would be later than `maximumAge` after `enqueuedAt` (exactly `maximumAge` is still allowed).
    ///
    /// - Parameters:
    ///   - attempt: the attempts made so far, the failed one included (≥ 1).
    ///   - enqueuedAt: when the letter was enqueued.
    ///   - now: when the attempt failed.
    ///   - jitter: a random number in 0..<1 from the caller: 0 shortens the delay by 10 %, 0.5 keeps
    ///     it, values near 1 lengthen it by almost 10 %. The same inputs give the same answer.
    public static func next(attempt: Int, enqueuedAt: Date, now: Date, jitter: Double) -> Date? {
        let base = delays[min(max(attempt, 1), delays.count) - 1]
        let shift = (2 * min(max(jitter, 0), 1) - 1) * jitterFraction
        let retry = now.addingTimeInterval(base * (1 + shift))
        return retry > enqueuedAt.addingTimeInterval(maximumAge) ? nil : retry
    }
}
