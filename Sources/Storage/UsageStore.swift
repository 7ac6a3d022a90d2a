public import struct Foundation.Date

/// How much of its limits each profile used: the `sends` log read for a rolling window.
public struct ProfileUsage: Sendable, Equatable {
    public var total: Int
    public var priority: Int

    public init(total: Int = 0, priority: Int = 0) {
        self.total = total
        self.priority = priority
    }
}

public struct UsageStore {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// Sends per profile with a time in the 24 hours before `now`: (now − 24 h, now]. The quarter
    /// hours wholly inside are the triggers' counts (`send_counts`); only the sends of the two
    /// quarter hours the window cuts are read, from the covering index `sends_profile_at`.
    public func lastDay(now: Date) throws -> [Int64: ProfileUsage] {
        let since = now.addingTimeInterval(-86_400)
        let first = Self.slot(of: since) + 1
        let last = Self.slot(of: now)
        var usage: [Int64: ProfileUsage] = [:]
        for row in try db.rows(
            """
            SELECT profile_id, sum(sends) AS total, sum(priority) AS priority FROM (
                SELECT profile_id, sends, priority FROM send_counts
                WHERE profile_id IN (SELECT id FROM profiles) AND slot >= ? AND slot < ?
                UNION ALL
                SELECT profile_id, 1, priority FROM sends
                WHERE profile_id IN (SELECT id FROM profiles) AND at > ? AND at < ?
                UNION ALL
                SELECT profile_id, 1, priority FROM sends
                WHERE profile_id IN (SELECT id FROM profiles) AND at >= ? AND at <= ?
            ) GROUP BY profile_id HAVING sum(sends) > 0
            """,
            [first, last, since, first * Self.slot, last * Self.slot, now]
        ) {
            usage[try row.int64("profile_id")] = ProfileUsage(
                total: try row.int("total"),
                priority: try row.int("priority")
            )
        }
        return usage
    }

    /// The quarter hours the sends are counted by (`send_counts`).
    private static let slot: Int64 = 900

    private static func slot(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(slot)).rounded(.down))
    }
}
