/// What the sender does about a failed letter, decided from the server's reply (never from
/// libcurl's error code alone). See DESIGN.md §3, "Outcomes".
public enum SMTPDisposition: Sendable, Equatable {
    /// Try the letter again later, with growing delays (4xx, timeouts, lost connections).
    case temporary
    /// The letter can never go as it is (5xx for the recipient or the data): fail it now.
    case permanent
    /// The mail host refused the login (530/534/535): mark the profile broken, keep its letters.
    case profileBroken
    /// The mail host says a limit or an anti-spam block was hit: pause the profile and keep the
    /// letter without counting an attempt.
    case rateLimited(RateLimit)
}

/// The kind of limit a mail host reported, which sets how long the profile pauses.
public enum RateLimit: Sendable, Equatable {
    /// A daily sending quota (Gmail `550 5.4.5 Daily user sending limit exceeded`): 24 hours.
    case dailyQuota
    /// An anti-spam block (Yandex `554 5.7.1 … SPAM`): 24 hours.
    case antiSpam
    /// A short-term throttle (`421`/`451`/`452` with limit wording): the profile's interval,
    /// at least 15 minutes.
    case throttled
}
