public import struct Foundation.Date

/// Where "now" comes from. Rules take the time as a parameter; only the edges of the
/// program ask a clock, so tests and `mailrobot-send run --now` can choose the moment.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The computer's clock.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock stopped at one moment (`--now`).
public struct FixedClock: WallClock {
    public let moment: Date
    public init(_ moment: Date) { self.moment = moment }
    public func now() -> Date { moment }
}
