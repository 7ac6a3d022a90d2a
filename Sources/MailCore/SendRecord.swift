public import struct Foundation.Date

/// One letter of a profile that counts towards its limits (DESIGN.md §2: "every letter that leaves
/// through a profile counts, test letters included").
///
/// The caller makes one record per row of the `sends` table and one per letter of the profile that
/// is claimed, in flight or ambiguous right now (DESIGN.md §3), so a run that dies mid-way never
/// lets the profile exceed its limits.
public struct SendRecord: Sendable, Equatable {
    /// When the letter went, or was claimed to go.
    public var at: Date
    /// Whether it was a priority letter; test letters are.
    public var isPriority: Bool

    public init(at: Date, isPriority: Bool) {
        self.at = at
        self.isPriority = isPriority
    }
}
