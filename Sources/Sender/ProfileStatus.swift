public import Foundation
public import MailCore
public import Storage

/// Where a profile stands: its queue, its use of the limits, when it may send next and its
/// state (`mailrobot-send status`; the panel's list shows the same).
public struct ProfileStatus: Sendable {
    /// Where the letters of a profile that cannot send go now (`ReserveRoute`).
    public enum ReserveUse: Sendable, Equatable {
        /// Through this profile, the first along its chain of reserves that can send.
        case through(name: String)
        /// Nowhere: no profile along its chain of reserves can send, so they wait.
        case waiting
    }

    public let profile: Profile
    public let queuedPriority: Int
    public let queuedRegular: Int
    public let usage: ProfileUsage
    /// The cron run expected to send the first waiting letter, through the profile or its
    /// reserve (nil: none will, or nothing waits).
    public let nextSendAt: Date?
    /// When the queue is expected to be empty (`QueueForecast`).
    public let queueEnd: QueueForecast.End
    /// The state in words at the moment of the status.
    public let condition: ProfileCondition
    /// For a profile that cannot send and names a reserve: where its letters go now.
    public let reserveUse: ReserveUse?
    public let timeZone: TimeZone

    /// Every profile's status at `now`.
    public static func all(database db: Database, now: Date) throws -> [ProfileStatus] {
        // One snapshot for the counts, the forecast and the states.
        try db.read { db in
            let usage = try UsageStore(db).lastDay(now: now)
            let timeZone = try SettingsStore(db).timeZone()
            let forecast = try QueueForecasting(db).forecast(now: now)
            let profiles = try ProfileStore(db).all()
            let links = try ProfileStore(db).reserveLinks()
            let names = Dictionary(profiles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            return try profiles.map { profile in
                let waiting = forecast.waiting(of: profile.id)
                var reserveUse: ReserveUse?
                if profile.reserveID != nil, ReserveRoute.needsReserve(profile.state, now: now) {
                    reserveUse =
                        ReserveRoute.carrier(of: profile.id, links: links, now: now)
                        .flatMap { names[$0] }.map(ReserveUse.through) ?? .waiting
                }
                return ProfileStatus(
                    profile: profile,
                    queuedPriority: waiting.priority,
                    queuedRegular: waiting.regular,
                    usage: usage[profile.id] ?? ProfileUsage(),
                    nextSendAt: try forecast.nextSendAt(of: profile.id),
                    queueEnd: try forecast.end(of: profile.id),
                    condition: ProfileCondition(of: profile, now: now),
                    reserveUse: reserveUse,
                    timeZone: timeZone
                )
            }
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
                    + queueEndLine(language, time: time) + reserveLine(language)
            case .en:
                [
                    "\(profile.name) (#\(profile.id)\(profile.isDefault ? ", default" : "")): \(state)",
                    "  queued: \(queuedPriority) priority, \(queuedRegular) regular",
                    "  sent in 24 h: \(usage.total) of \(limits.maxPerDay) (priority \(usage.priority) of"
                        + " \(limits.priorityPerDay)); interval \(limits.intervalMinutes) min, batch \(limits.batchSize)",
                ] + (nextSendAt.map { ["  next send: " + time.string($0)] } ?? [])
                    + queueEndLine(language, time: time) + reserveLine(language)
            }
        return words.joined(separator: "\n")
    }

    /// Where the letters of a profile that cannot send go: the reserve's name, or that they wait.
    private func reserveLine(_ language: Language) -> [String] {
        guard let reserveUse else { return [] }
        let words =
            switch reserveUse {
            case .through(let name):
                LocalizedText(
                    ru: "письма уходят через резервный профиль «\(name)», в его лимитах",
                    en: "letters go through the reserve profile “\(name)”, within its limits"
                )
            case .waiting:
                LocalizedText(
                    ru: "резервные профили тоже не могут отправлять: письма ждут",
                    en: "its reserve profiles cannot send either: the letters wait"
                )
            }
        return ["  " + words(language)]
    }

    /// When the queue will be empty, at the current limits, if nothing new arrives.
    private func queueEndLine(_ language: Language, time: OperatorTime) -> [String] {
        let words: LocalizedText
        switch queueEnd {
        case .nothingWaits:
            return []
        case .at(let end):
            words = LocalizedText(
                ru: "очередь опустеет к: \(time.string(end))",
                en: "queue empty by: \(time.string(end))"
            )
        case .never:
            words = LocalizedText(
                ru: "очередь не опустеет при нынешних лимитах и состоянии",
                en: "the queue will not empty at the current limits and state"
            )
        }
        return ["  " + words(language)]
    }
}
