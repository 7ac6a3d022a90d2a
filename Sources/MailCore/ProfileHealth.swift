public import struct Foundation.Date

/// What «Проверка профиля» and the runs have shown about a profile: when a letter last went
/// through it, and the last failure that was the profile's own (DNS, connection, TLS, login,
/// sender refused — not a recipient's refusal).
public struct ProfileHealth: Sendable, Equatable {
    /// The last successful check or send; nil: none yet.
    public var lastSuccessAt: Date?
    /// The last failure, as the journal records it (`SMTPFailure.description`).
    public var lastFailure: String
    /// When it happened; nil: none yet (or cleared by an edit of the profile).
    public var lastFailureAt: Date?

    public init(lastSuccessAt: Date? = nil, lastFailure: String = "", lastFailureAt: Date? = nil) {
        self.lastSuccessAt = lastSuccessAt
        self.lastFailure = lastFailure
        self.lastFailureAt = lastFailureAt
    }
}
