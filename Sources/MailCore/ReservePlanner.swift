public import struct Foundation.Date

/// What a run of a profile sends when it also carries other profiles' letters as their reserve
/// (`ReserveRoute`): its own letters as `SendPlanner` plans them, then borrowed letters in the
/// room its own left.
public struct ReservePlan: Sendable, Equatable {
    /// The profile's own letters and why the rest of them wait.
    public var own: SendPlan
    /// Borrowed letters that go in this run, after the own ones, each class oldest first.
    public var borrowed: [DueLetter]

    public init(own: SendPlan, borrowed: [DueLetter]) {
        self.own = own
        self.borrowed = borrowed
    }

    /// Every letter of the run, in the order of sending: own letters first.
    public var letters: [DueLetter] { own.letters + borrowed }

    /// Whether regular letters, own or borrowed, go in this run (the interval counts from it).
    public var startsRegularBatch: Bool { own.startsRegularBatch || borrowed.contains { !$0.isPriority } }
}

/// The send rules of DESIGN.md §2 for a profile that is also a reserve: the reserve's four
/// limits hold for its own letters and the borrowed ones together, and its own are never crowded
/// out. Pure: the caller loads the inputs.
///
/// - The own letters are planned first, exactly as `SendPlanner` plans them alone.
/// - Borrowed letters go only in what is left: of the batch size after the own letters, of the
///   daily maximum and of each share with the own letters counted as sent now, and only when the
///   interval lets the profile's regular letters go (a regular batch the own letters start may
///   take borrowed regular letters too).
public enum ReservePlanner {
    /// Plans one run of a carrier at `now`.
    ///
    /// - Parameters:
    ///   - limits, state, history, lastRegularBatchAt, now: the carrier's, as for `SendPlanner`.
    ///   - own: the carrier's own due letters, as `SendPlanner` takes them.
    ///   - borrowed: the due letters it may carry for others, each class oldest first; the
    ///     first `batchSize + 1` of each class are enough.
    public static func plan(
        limits: ProfileLimits,
        state: ProfileState,
        history: [SendRecord],
        lastRegularBatchAt: Date?,
        own: [DueLetter],
        borrowed: [DueLetter],
        now: Date
    ) -> ReservePlan {
        let ownPlan = SendPlanner.plan(
            limits: limits,
            state: state,
            history: history,
            lastRegularBatchAt: lastRegularBatchAt,
            due: own,
            now: now
        )
        var rest = limits
        rest.batchSize = limits.batchSize - ownPlan.letters.count
        guard !borrowed.isEmpty, rest.batchSize > 0 else { return ReservePlan(own: ownPlan, borrowed: []) }
        let withOwn = history + ownPlan.letters.map { SendRecord(at: now, isPriority: $0.isPriority) }
        let borrowedPlan = SendPlanner.plan(
            limits: rest,
            state: state,
            history: withOwn,
            lastRegularBatchAt: lastRegularBatchAt,
            due: borrowed,
            now: now
        )
        return ReservePlan(own: ownPlan, borrowed: borrowedPlan.letters)
    }
}
