public import Foundation

/// Whether the system clock can be trusted: the rolling 24-hour limits and the retry times
/// are computed from it, so a clock set back would let a profile exceed its limits.
public enum ClockSanity {
    /// No mailrobot was released before this moment (2024-01-01 UTC): a clock before it is unset.
    public static let earliest = Date(timeIntervalSince1970: 1_704_067_200)

    /// How far the latest stored time may be ahead of the clock (a second process's clock
    /// rounding, a database copied from a machine a little ahead).
    public static let tolerance: TimeInterval = 300

    /// nil when the clock looks right, else what is wrong with it.
    public static func problem(now: Date, latestStored: Date?) -> String? {
        if now < earliest {
            return "the clock says \(stamp(now)), before any mailrobot existed"
        }
        if let latestStored, latestStored.timeIntervalSince(now) > tolerance {
            let minutes = Int(latestStored.timeIntervalSince(now) / 60)
            return "the clock says \(stamp(now)), \(minutes) min before the latest time in the database "
                + "(\(stamp(latestStored))): it was set back"
        }
        return nil
    }

    static func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
