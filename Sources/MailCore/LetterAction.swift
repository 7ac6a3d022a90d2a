public import struct Foundation.Date

/// What the sender does with one letter after trying to send it (DESIGN.md §3, "Outcomes"), as
/// `OutcomeDecider` decided it.
public enum LetterAction: Sendable, Equatable {
    /// The server took the letter: mark it sent and keep the reply.
    case markSent(reply: SMTPReply)
    /// Queue the letter again, due at `at`; the attempt counts. `possibleDuplicate`: the whole
    /// message had gone out when the connection failed, so the server may have it: the journal
    /// flags the letter «возможен дубль».
    case retry(at: Date, failure: SMTPFailure, possibleDuplicate: Bool)
    /// Fail the letter for good and keep the reply: it can never go as it is, or its 72 hours are up.
    case fail(failure: SMTPFailure)
    /// The mail host refused the login: mark the profile broken and stop its run. The letter stays
    /// queued and the attempt does not count.
    case profileBroken(failure: SMTPFailure)
    /// The mail host reported a limit or an anti-spam block: pause the profile until `until` and
    /// stop its run. The letter stays queued and the attempt does not count.
    case pauseProfile(until: Date, failure: SMTPFailure)

    /// Whether the letter's attempt counter goes up.
    public var countsAttempt: Bool {
        switch self {
        case .markSent, .retry, .fail: true
        case .profileBroken, .pauseProfile: false
        }
    }
}
