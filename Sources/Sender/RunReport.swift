public import MailCore
import Storage

/// What a run did, for the operator (and cron's mail): quiet when all went well, one line per
/// problem otherwise.
public struct RunReport: Sendable {
    public var sent = 0
    /// Letters tried, whatever came of them.
    public var tried = 0
    /// One line each: a failed letter, a profile whose login was refused or that was paused.
    public var problems: [String] = []
    /// Profiles skipped because another run was working them.
    public var busy: [Int64] = []
    /// `--dry-run`: one paragraph per profile.
    public var plans: [String] = []
    /// The changes of profile state announced to the admins (`AlertCheck`).
    public var alerts: [AlertChange] = []

    public init() {}

    mutating func note(_ action: LetterAction, letter: StoredLetter, profile: Profile) {
        tried += 1
        switch action {
        case .markSent:
            sent += 1
        case .retry:
            break
        case .fail(let failure):
            problems.append("letter \(letter.id) to \(letter.toAddress) failed: \(failure.description)")
        case .profileBroken(let failure):
            problems.append("profile \(profile.name): login refused, profile marked broken: \(failure.description)")
        case .pauseProfile(let until, let failure):
            problems.append("profile \(profile.name): paused until \(until) after \(failure.description)")
        }
    }
}
