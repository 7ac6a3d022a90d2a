/// Counts for monitoring (`GET /metrics`): letters by profile and status.
public struct MonitoringStore {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// One count of letters.
    public struct LetterCount: Sendable, Equatable {
        /// The profile's name as the letter recorded it (a deleted profile's letters keep it).
        public let profile: String
        /// `queued`, `sending`, `sent`, `failed` or `cancelled`.
        public let status: String
        public let count: Int
    }

    /// Letters per profile and status; read from the `letters_status_profile` index and the
    /// profile names (never the letters themselves).
    public func letterCounts() throws -> [LetterCount] {
        try db.rows(
            """
            SELECT coalesce(p.name, '') AS profile, c.status AS status, c.n AS n
            FROM (SELECT status, profile_id, count(*) AS n FROM letters GROUP BY status, profile_id) AS c
            LEFT JOIN profiles p ON p.id = c.profile_id
            ORDER BY profile, status
            """
        ).map {
            LetterCount(profile: try $0.string("profile"), status: try $0.string("status"), count: try $0.int("n"))
        }
    }
}
