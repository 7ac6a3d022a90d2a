public import struct Foundation.Date

/// What one run does for one profile at one moment, as `SendPlanner` decided it (DESIGN.md §2, §3).
///
/// The sender carries it out as it stands: it sends `letters` in order over one connection, sets
/// the profile's last regular batch time to the run's moment when `startsRegularBatch` is true, and
/// stops early only when a letter's outcome says so (`LetterAction`).
public struct SendPlan: Sendable, Equatable {
    /// The letters to send, in order: due priority letters first, then regular ones, each class
    /// oldest first.
    public var letters: [DueLetter]
    /// Whether regular letters go in this run, which starts a regular batch: the sender records
    /// the run's moment as the profile's last regular batch time (the interval counts from it).
    public var startsRegularBatch: Bool
    /// Why due priority letters are left waiting after this run; nil when none are.
    public var priorityWait: WaitReason?
    /// Why due regular letters are left waiting after this run; nil when none are.
    public var regularWait: WaitReason?
    /// The earliest moment a letter left waiting could go, once `letters` have gone and if nothing
    /// else changes (`mailrobot-send status`: "next possible send time"). A moment at or before the
    /// plan's `now` means the next run. Nil when no letter is left waiting, or none can go until the
    /// profile or its limits change (broken, or a share of 0).
    public var nextSendAt: Date?

    public init(
        letters: [DueLetter],
        startsRegularBatch: Bool,
        priorityWait: WaitReason?,
        regularWait: WaitReason?,
        nextSendAt: Date?
    ) {
        self.letters = letters
        self.startsRegularBatch = startsRegularBatch
        self.priorityWait = priorityWait
        self.regularWait = regularWait
        self.nextSendAt = nextSendAt
    }
}

/// Why due letters of one class (priority or regular) are left waiting after a run. When several
/// limits hold them, the reason is the one that lasts longest, so its time is when they can go.
public enum WaitReason: Sendable, Equatable {
    /// The mail host refused the login: nothing goes until the profile is edited or passes
    /// «Проверка профиля» (DESIGN.md §3).
    case broken
    /// The mail host reported a limit or an anti-spam block: nothing goes until `until`.
    case paused(until: Date)
    /// Regular letters only: interval_minutes have not passed since the last regular batch; they
    /// pass at `until`.
    case interval(until: Date)
    /// max_per_day letters went in the last 24 hours; a send leaves the window at `until` (nil:
    /// never, while the limit stays as it is).
    case dailyLimit(until: Date?)
    /// Priority letters: priority_per_day of them went in the last 24 hours; one leaves the window
    /// at `until` (nil: never, as the share is 0).
    case priorityShareUsed(until: Date?)
    /// Regular letters: max_per_day − priority_per_day of them went in the last 24 hours; one leaves
    /// the window at `until` (nil: never, as the share is 0). Regular letters never use the priority
    /// share, even when no priority letter waits.
    case regularShareUsed(until: Date?)
    /// batch_size letters go in this run; the rest go in the next run.
    case batchFull

    /// When letters held for this reason alone could go; `now` for the next run; nil for never.
    public func resumption(now: Date) -> Date? {
        switch self {
        case .broken: nil
        case .batchFull: now
        case .paused(let until), .interval(let until): until
        case .dailyLimit(let until), .priorityShareUsed(let until), .regularShareUsed(let until): until
        }
    }
}
