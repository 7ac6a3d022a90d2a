public import struct Foundation.Date
public import typealias Foundation.TimeInterval

/// Turns how one letter went into what the sender does about it (DESIGN.md §3, "Outcomes").
public enum OutcomeDecider {
    /// How long a profile pauses after a daily-quota or anti-spam reply.
    public static let longPause: TimeInterval = 24 * 60 * 60
    /// The shortest pause after any other limit reply; longer when the profile's interval is.
    public static let shortestPause: TimeInterval = 15 * 60

    /// Decides what to do with a letter after one attempt.
    ///
    /// - Parameters:
    ///   - result: how the attempt went.
    ///   - classify: what a failure means; the sender passes `\.disposition`, the reply classifier.
    ///   - attempts: the letter's attempts so far, this one included (≥ 1).
    ///   - enqueuedAt: when the letter was enqueued; retries end 72 hours later (`RetryPolicy`).
    ///   - now: when the attempt ended.
    ///   - intervalMinutes: the profile's interval, the length of a pause after a throttling reply
    ///     (at least 15 minutes).
    ///   - jitter: a random number in 0..<1 for `RetryPolicy`.
    ///
    /// A temporary failure after the whole message went out (a timeout or a lost connection at the
    /// final dot) is ambiguous: the letter is retried with `possibleDuplicate` set. A reply the
    /// classifier reads as permanent, a limit or a refused login is the server's answer, and decides.
    public static func decide(
        _ result: DeliveryResult,
        classify: (SMTPFailure) -> SMTPDisposition,
        attempts: Int,
        enqueuedAt: Date,
        now: Date,
        intervalMinutes: Int,
        jitter: Double
    ) -> LetterAction {
        let failure: SMTPFailure
        let dataSent: Bool
        switch result {
        case .sent(let reply): return .markSent(reply: reply)
        case .failed(let failed, let sent): (failure, dataSent) = (failed, sent)
        }
        switch classify(failure) {
        case .permanent:
            return .fail(failure: failure)
        case .profileBroken:
            return .profileBroken(failure: failure)
        case .rateLimited(let limit):
            return .pauseProfile(until: now.addingTimeInterval(pause(for: limit, intervalMinutes)), failure: failure)
        case .temporary:
            guard let at = RetryPolicy.next(attempt: attempts, enqueuedAt: enqueuedAt, now: now, jitter: jitter) else {
                return .fail(failure: failure)
            }
            return .retry(at: at, failure: failure, possibleDuplicate: dataSent && failure.isCutOff)
        }
    }

    /// How long a profile pauses after the mail host reported `limit`.
    private static func pause(for limit: RateLimit, _ intervalMinutes: Int) -> TimeInterval {
        switch limit {
        case .dailyQuota, .antiSpam: longPause
        case .throttled: max(Double(intervalMinutes) * 60, shortestPause)
        }
    }
}
