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

    /// Sends per profile with a time in the 24 hours before `now`: (now − 24 h, now]. Each
    /// profile's are counted on its stretch of the covering index `sends_profile_at`, never the
    /// whole log (a month of a million sends).
    public func lastDay(now: Date) throws -> [Int64: ProfileUsage] {
        let since = now.addingTimeInterval(-86_400)
        var usage: [Int64: ProfileUsage] = [:]
        for row in try db.rows(
            """
            SELECT profile_id, count(*) AS total, sum(priority) AS priority FROM sends
            WHERE profile_id IN (SELECT id FROM profiles) AND at > ? AND at <= ? GROUP BY profile_id
            """,
            [since, now]
        ) {
            usage[try row.int64("profile_id")] = ProfileUsage(
                total: try row.int("total"),
                priority: try row.int("priority")
            )
        }
        return usage
    }
}
