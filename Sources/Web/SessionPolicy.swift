public import Foundation

/// How long sessions live: they end after `idleTimeout` without a request and in any case
/// `absoluteTimeout` after login.
public struct SessionPolicy: Sendable {
    public var idleTimeout: TimeInterval
    public var absoluteTimeout: TimeInterval
    /// `last_seen_at` is written at most this often, so reading pages does not mean writing.
    public var touchInterval: TimeInterval

    public init(
        idleTimeout: TimeInterval = 30 * 60,
        absoluteTimeout: TimeInterval = 12 * 3600,
        touchInterval: TimeInterval = 60
    ) {
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.touchInterval = touchInterval
    }

    /// True when a session last seen at `lastSeen` and created at `created` has ended at `now`.
    public func isExpired(created: Date, lastSeen: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeen) > idleTimeout || now.timeIntervalSince(created) > absoluteTimeout
    }

    /// True when `last_seen_at` should be refreshed.
    public func needsTouch(lastSeen: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeen) >= touchInterval
    }
}
