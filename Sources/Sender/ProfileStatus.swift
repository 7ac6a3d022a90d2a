public import Foundation
public import MailCore
public import Storage

/// Where a profile stands: its queue, its use of the limits, when it may send next and its
/// state (`mailrobot-send status`; the panel's list shows the same).
public struct ProfileStatus: Sendable {
    public let profile: Profile
    public let queuedPriority: Int
    public let queuedRegular: Int
    public let usage: ProfileUsage
    /// The earliest moment a waiting letter may go (nil: nothing waits).
    public let nextSendAt: Date?
    public let timeZone: TimeZone

    /// Every profile's status at `now`.
    public static func all(database db: Database, now: Date) throws -> [ProfileStatus] {
        let usage = try UsageStore(db).lastDay(now: now)
        let timeZone = try SettingsStore(db).timeZone()
        return try ProfileStore(db).all().map { profile in
            let queued = try OutboxStore(db).queuedCount(profileID: profile.id)
            let plan = try ProfilePlanning(db: db).plan(for: profile, now: now, room: profile.limits.batchSize).plan
            let next = plan.letters.isEmpty ? plan.nextSendAt : now
            return ProfileStatus(
                profile: profile,
                queuedPriority: queued.priority,
                queuedRegular: queued.regular,
                usage: usage[profile.id] ?? ProfileUsage(),
                nextSendAt: next,
                timeZone: timeZone
            )
        }
    }

    /// A few lines for the operator.
    public var text: String {
        let limits = profile.limits
        let time = OperatorTime(timeZone: timeZone)
        var lines = [
            "\(profile.name) (#\(profile.id)\(profile.isDefault ? ", default" : "")): " + stateText(time),
            "  queued: \(queuedPriority) priority, \(queuedRegular) regular",
            "  sent in 24 h: \(usage.total) of \(limits.maxPerDay) (priority \(usage.priority) of \(limits.priorityPerDay));"
                + " interval \(limits.intervalMinutes) min, batch \(limits.batchSize)",
        ]
        if let nextSendAt { lines.append("  next possible send: " + time.string(nextSendAt)) }
        return lines.joined(separator: "\n")
    }

    private func stateText(_ time: OperatorTime) -> String {
        switch profile.state {
        case .ok: "ok"
        case .broken(let reply, let since): "broken since \(time.string(since)): \(reply)"
        case .paused(let until, let reply): "paused until \(time.string(until)): \(reply)"
        }
    }
}
