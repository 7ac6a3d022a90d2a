public import struct Foundation.Date
public import typealias Foundation.TimeInterval

/// When the admins are told that a profile fails, and when that it works again. Pure: the caller
/// loads the profile's state, the state last announced and how its queue drains; the clock is a
/// parameter.
///
/// - A profile whose login was refused is `broken`; one paused by the mail host is `paused` until
///   the pause ends; otherwise it is `slow` when its queue will not be empty within the horizon
///   (the hours of the alert settings), else `ok`.
/// - A profile announced as `slow` stays `slow` until its queue would be empty within half the
///   horizon: a queue near the threshold does not announce "slow", "ok", "slow" minute after
///   minute.
/// - An alert goes once per change of state: when the state now differs from the state last
///   announced (`ok` → a failure, a failure → another, a failure → `ok`: the recovery).
public enum AlertRule {
    /// The alert state of a profile at `now`.
    ///
    /// - Parameters:
    ///   - state: the profile's stored state (a pause that has ended by `now` counts as `.ok`).
    ///   - lastAlerted: the state last announced for the profile.
    ///   - horizon: how soon the queue must be able to empty (the alert settings' hours).
    ///   - now: the moment of the check.
    ///   - queueEmptiesWithin: whether the profile's queue will be empty within a time from `now`
    ///     at its limits (the forecast, `QueueForecast`); asked only for a profile that may send.
    public static func state(
        of state: ProfileState,
        lastAlerted: AlertState,
        horizon: TimeInterval,
        now: Date,
        queueEmptiesWithin: (TimeInterval) throws -> Bool
    ) rethrows -> AlertState {
        switch state.effective(at: now) {
        case .broken: return .broken
        case .paused: return .paused
        case .ok: return try queueEmptiesWithin(lastAlerted == .slow ? horizon / 2 : horizon) ? .ok : .slow
        }
    }

    /// The alert to send for a profile whose state is `current` and was last announced as
    /// `lastAlerted`; nil when nothing changed.
    public static func change(profileID: Int64, lastAlerted: AlertState, current: AlertState) -> AlertChange? {
        current == lastAlerted ? nil : AlertChange(profileID: profileID, from: lastAlerted, to: current)
    }
}
