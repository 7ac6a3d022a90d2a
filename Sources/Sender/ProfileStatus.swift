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
    /// The state in words at the moment of the status.
    public let condition: ProfileCondition
    public let timeZone: TimeZone

    /// Every profile's status at `now`.
    public static func all(database db: Database, now: Date) throws -> [ProfileStatus] {
        let usage = try UsageStore(db).lastDay(now: now)
        let timeZone = try SettingsStore(db).timeZone()
        return try ProfileStore(db).all().map { profile in
            let queued = try OutboxStore(db).queuedCount(profileID: profile.id)
            let plan = try ProfilePlanning(db: db).plan(for: profile, now: now, room: profile.limits.batchSize).plan
            let next = plan.letters.isEmpty ? plan.own.nextSendAt : now
            return ProfileStatus(
                profile: profile,
                queuedPriority: queued.priority,
                queuedRegular: queued.regular,
                usage: usage[profile.id] ?? ProfileUsage(),
                nextSendAt: next,
                condition: ProfileCondition(of: profile, now: now),
                timeZone: timeZone
            )
        }
    }

    /// A few lines for the operator, in `language`; the state in words as the panel says it.
    public func text(_ language: Language) -> String {
        let limits = profile.limits
        let time = OperatorTime(timeZone: timeZone)
        var state = condition.text(language, time: time.string)
        if !condition.reply.isEmpty { state += " (\(OutcomeText(recorded: condition.reply).text(language)))" }
        let words =
            switch language {
            case .ru:
                [
                    "\(profile.name) (#\(profile.id)\(profile.isDefault ? ", по умолчанию" : "")): \(state)",
                    "  в очереди: приоритетных \(queuedPriority), обычных \(queuedRegular)",
                    "  отправлено за 24 ч: \(usage.total) из \(limits.maxPerDay) (приоритетных \(usage.priority) из"
                        + " \(limits.priorityPerDay)); интервал \(limits.intervalMinutes) мин, за раз \(limits.batchSize)",
                ] + (nextSendAt.map { ["  следующая отправка: " + time.string($0)] } ?? [])
            case .en:
                [
                    "\(profile.name) (#\(profile.id)\(profile.isDefault ? ", default" : "")): \(state)",
                    "  queued: \(queuedPriority) priority, \(queuedRegular) regular",
                    "  sent in 24 h: \(usage.total) of \(limits.maxPerDay) (priority \(usage.priority) of"
                        + " \(limits.priorityPerDay)); interval \(limits.intervalMinutes) min, batch \(limits.batchSize)",
                ] + (nextSendAt.map { ["  next possible send: " + time.string($0)] } ?? [])
            }
        return words.joined(separator: "\n")
    }
}
