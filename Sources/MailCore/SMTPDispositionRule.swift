/// The decision table from a failed letter to what the sender does about it (DESIGN.md §3,
/// "Outcomes"). Rules are tried in the order written; the first that applies decides.
///
/// The reply decides, not libcurl's error: a 5xx that says a limit was hit pauses the profile
/// instead of failing the letter, and a 4xx about the recipient's full mailbox is not a limit
/// of ours. Replies are matched on their code, enhanced code and English or Russian wording.
public enum SMTPDispositionRule: String, CaseIterable, Sendable {
    /// The robot itself refused to connect: a private host or a clear-text login the profile does
    /// not allow. Every letter of the profile would meet the same refusal, so the profile is
    /// broken until its settings change.
    case notAllowed
    /// The login was refused with a 5xx (530 TLS or app password required, 534, 535) or
    /// without a reply: the profile is broken until its settings change. A 4xx at this step is
    /// left to the rules below (`454 4.7.0 Temporary authentication failure`).
    case loginRefused
    /// The TLS handshake failed (untrusted certificate, wrong host name, TLS mode that does not
    /// match the port): every letter of the profile would fail the same way, so the profile is
    /// broken. A connection dropped mid-handshake is `.connectionLost(step: .tls, …)`, which is
    /// temporary.
    case tlsFailed
    /// At `RCPT` or after the data, the recipient's mailbox is full, disabled or receiving too
    /// fast (X.2.1–X.2.3, "over quota"): their side, not our limit. 4xx temporary, 5xx permanent.
    case recipientMailboxUnavailable
    /// The letter is too big (X.3.4): 4xx temporary, 5xx permanent.
    case messageTooBig
    /// A daily sending quota, even as a 5xx (Gmail `550 5.4.5 Daily user sending limit
    /// exceeded`): pause the profile for 24 hours.
    case dailyQuota
    /// An anti-spam block, even as a 5xx (Yandex `554 5.7.1 Message rejected under suspicion of
    /// SPAM`, Mail.ru `550 spam message rejected`): pause the profile for 24 hours.
    case antiSpam
    /// A throttle: limit, rate, quota, "too many", Gmail's `421 4.7.0 Try again later` or
    /// `4.7.28`: pause the profile for its interval (at least 15 minutes).
    case throttled
    /// A 5xx to `MAIL FROM`, or a 5xx at any step saying this login may not send as this
    /// address or relay (`553 5.7.1 Sender address rejected: not owned by user`, `Relay access
    /// denied`): a configuration problem every letter of the profile shares, so the profile is
    /// broken rather than each letter failed.
    case senderNotAllowed
    /// A 5xx before the letter's own commands (the greeting: `554 No SMTP service here`): the
    /// server will not talk to this profile at all.
    case refusedBeforeLetter
    /// Any other 4xx: try the letter again later.
    case transientReply
    /// Any other 5xx (the recipient does not exist, the content was refused): fail the letter.
    case permanentReply
    /// No reply (DNS, connect, timeout, lost connection) or an unexpected reply code: possibly
    /// passing network trouble, try again later.
    case otherwise

    /// True when this rule decides `failure`, whose reply (if any) reads as `reply`.
    func applies(to failure: SMTPFailure, reading reply: ReplyWording?) -> Bool {
        switch self {
        case .notAllowed:
            switch failure {
            case .addressNotAllowed, .clearTextLoginNotAllowed: return true
            default: return false
            }
        case .loginRefused:
            guard case .auth = failure else { return false }
            return reply.map { $0.code >= 500 } ?? true
        case .tlsFailed:
            guard case .tls = failure else { return false }
            return true
        case .recipientMailboxUnavailable:
            return [.recipient, .data].contains(failure.step) && reply?.saysRecipientMailboxUnavailable == true
        case .messageTooBig:
            return reply?.saysMessageTooBig == true
        case .dailyQuota:
            return reply?.saysDailyQuota == true
        case .antiSpam:
            return reply?.saysSpam == true
        case .throttled:
            return reply?.saysThrottled == true
        case .senderNotAllowed:
            guard let reply, reply.isPermanent else { return false }
            return failure.step == .sender || reply.saysSenderNotAllowed
        case .refusedBeforeLetter:
            return [.dns, .connect, .tls, .greeting, .auth].contains(failure.step) && reply?.isPermanent == true
        case .transientReply:
            return reply?.isTransient == true
        case .permanentReply:
            return reply?.isPermanent == true
        case .otherwise:
            return true
        }
    }

    /// What the sender does under this rule about a failure whose reply (if any) reads as `reply`.
    func disposition(reading reply: ReplyWording?) -> SMTPDisposition {
        switch self {
        case .notAllowed, .loginRefused, .tlsFailed, .senderNotAllowed, .refusedBeforeLetter: .profileBroken
        case .recipientMailboxUnavailable, .messageTooBig: reply?.isPermanent == true ? .permanent : .temporary
        case .dailyQuota: .rateLimited(.dailyQuota)
        case .antiSpam: .rateLimited(.antiSpam)
        case .throttled: .rateLimited(.throttled)
        case .transientReply, .otherwise: .temporary
        case .permanentReply: .permanent
        }
    }
}
