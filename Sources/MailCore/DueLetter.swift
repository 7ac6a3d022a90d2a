/// A queued letter of the profile whose time has come (`next_attempt_at` ≤ now, DESIGN.md §3), as
/// the send planner sees it.
public struct DueLetter: Sendable, Equatable, Identifiable {
    /// The letter's row id.
    public var id: Int64
    /// A priority letter (registration, password reset, test letter) skips the interval and uses
    /// the priority share of DESIGN.md §2.
    public var isPriority: Bool

    public init(id: Int64, isPriority: Bool) {
        self.id = id
        self.isPriority = isPriority
    }
}
