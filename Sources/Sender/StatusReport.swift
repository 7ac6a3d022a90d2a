public import Foundation
public import MailCore
public import Storage

/// Every profile's status with the sender's last pass, for scripts (`mailrobot-send status
/// --json`, docs/monitoring.md) and for monitoring (`GET /metrics`).
public struct StatusReport: Sendable {
    public let now: Date
    public let statuses: [ProfileStatus]
    /// The state last announced to the admins, per profile id.
    public let alertStates: [Int64: AlertState]
    /// When cron's pass last finished; nil: never.
    public let lastPassAt: Date?

    /// Reads the report at `now`.
    public init(database db: Database, now: Date) throws {
        self.now = now
        statuses = try ProfileStatus.all(database: db, now: now)
        alertStates = try AlertStore(db).announced()
        lastPassAt = try HeartbeatStore(db).last(.senderPass)
    }

    /// The report as one JSON object with stable field names (docs/monitoring.md).
    public var json: String {
        JSONValue.object([
            "generated_at": .string(Self.timestamp(now)),
            "last_pass_at": lastPassAt.map { .string(Self.timestamp($0)) } ?? .null,
            "profiles": .array(statuses.map(profileJSON)),
        ]).serialized
    }

    private func profileJSON(_ status: ProfileStatus) -> JSONValue {
        let profile = status.profile
        let limits = profile.limits
        var pausedUntil = JSONValue.null
        if case .paused(let until, _) = status.condition { pausedUntil = .string(Self.timestamp(until)) }
        let health = profile.health
        return .object([
            "id": .integer(profile.id),
            "name": .string(profile.name),
            "default": .bool(profile.isDefault),
            "state": .string(status.condition.word),
            "state_text": .string(status.condition.text(.en, time: Self.timestamp)),
            "reply": .string(status.condition.reply),
            "paused_until": pausedUntil,
            "alert_state": .string((alertStates[profile.id] ?? .ok).rawValue),
            "queued": .object([
                "priority": .integer(Int64(status.queuedPriority)), "regular": .integer(Int64(status.queuedRegular)),
            ]),
            "sent_24h": .object([
                "total": .integer(Int64(status.usage.total)), "priority": .integer(Int64(status.usage.priority)),
            ]),
            "limits": .object([
                "max_per_day": .integer(Int64(limits.maxPerDay)),
                "interval_minutes": .integer(Int64(limits.intervalMinutes)),
                "batch_size": .integer(Int64(limits.batchSize)),
                "priority_per_day": .integer(Int64(limits.priorityPerDay)),
            ]),
            "next_send_at": status.nextSendAt.map { .string(Self.timestamp($0)) } ?? .null,
            "queue_empty_at": queueEmptyAt(status.queueEnd),
            "carried_by": carriedBy(status.reserveUse),
            "last_success_at": health.lastSuccessAt.map { .string(Self.timestamp($0)) } ?? .null,
            "last_failure_at": health.lastFailureAt.map { .string(Self.timestamp($0)) } ?? .null,
            "last_failure": .string(
                health.lastFailureAt == nil ? "" : OutcomeText(recorded: health.lastFailure).text(.en)
            ),
        ])
    }

    private func queueEmptyAt(_ end: QueueForecast.End) -> JSONValue {
        if case .at(let date) = end { return .string(Self.timestamp(date)) }
        return .null
    }

    private func carriedBy(_ use: ProfileStatus.ReserveUse?) -> JSONValue {
        if case .through(let name) = use { return .string(name) }
        return .null
    }

    /// RFC 3339 in UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
