public import struct Foundation.Date

/// A group of a profile's waiting letters that take the same way out under the reserve rules
/// (`ReserveRoute`; docs/delivery.md «Резервный профиль»): what `QueueForecast` routes.
public struct ForecastSource: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Letters that go through their profile, or through its carrier while it cannot send.
        case movable
        /// Letters that go only through their own profile: «возможен дубль» after its own
        /// attempt, and test letters.
        case fixed
        /// Letters that go only through this reserve: their attempt through it may have
        /// delivered them.
        case via(Int64)
    }

    public let profileID: Int64
    public let kind: Kind

    public init(profileID: Int64, kind: Kind) {
        self.profileID = profileID
        self.kind = kind
    }
}

/// A letter's place in the queue's order within its class: next attempt, then id.
public struct QueueKey: Comparable, Sendable {
    public let nextAttemptAt: Date
    public let id: Int64

    public init(nextAttemptAt: Date, id: Int64) {
        self.nextAttemptAt = nextAttemptAt
        self.id = id
    }

    public static func < (a: Self, b: Self) -> Bool { (a.nextAttemptAt, a.id) < (b.nextAttemptAt, b.id) }
}

/// The order of the waiting letters, for the groups that share a lane: the queue's order over
/// several groups at once is a fact of the letters, not of their counts, so the forecast asks
/// the queue when a lane carries more than one group. A lane of one group is arithmetic.
public protocol QueueOrder {
    /// How many letters of `source` in the class come before `key`.
    func count(before key: QueueKey, in source: ForecastSource, isPriority: Bool) throws -> Int
    /// How many letters of `source` in the class come after `key`, or `limit` if at least as many:
    /// a letter near the end of a long queue (a new one, the journal's first page) is placed by
    /// counting the few after it.
    func count(after key: QueueKey, in source: ForecastSource, isPriority: Bool, limit: Int) throws -> Int
    /// The key of the letter at `index` (0: the first) of the class in the letters of `tails`
    /// together, in the queue's order, each group less its first `offset` letters; nil when
    /// fewer letters wait.
    func key(
        at index: Int,
        merging tails: [(source: ForecastSource, offset: Int)],
        isPriority: Bool
    ) throws
        -> QueueKey?
}

/// What the forecast needs of a profile: its rules' inputs, as `ReservePlanner.plan` takes them,
/// and its reserve.
public struct ForecastProfile: Sendable {
    public var id: Int64
    public var limits: ProfileLimits
    public var state: ProfileState
    public var reserveID: Int64?
    /// The profile's sends and claimed letters (`SendRecord`); only those in the 24 hours before
    /// the forecast's moment count.
    public var history: [SendRecord]
    public var lastRegularBatchAt: Date?

    public init(
        id: Int64,
        limits: ProfileLimits,
        state: ProfileState,
        reserveID: Int64? = nil,
        history: [SendRecord] = [],
        lastRegularBatchAt: Date? = nil
    ) {
        self.id = id
        self.limits = limits
        self.state = state
        self.reserveID = reserveID
        self.history = history
        self.lastRegularBatchAt = lastRegularBatchAt
    }
}
