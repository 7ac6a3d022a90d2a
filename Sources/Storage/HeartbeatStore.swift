public import struct Foundation.Date

/// A background job that records when it last finished.
public enum Heartbeat: String, Sendable, CaseIterable {
    /// A pass of `mailrobot-send run` (not a dry run).
    case senderPass = "sender.pass"
}

/// When each background job last finished, and the latest moment anything was stored: what
/// `mailrobot-admin doctor` reads to tell a stopped cron or a clock that went back.
public struct HeartbeatStore {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// Records that `beat` finished at `now`. Not synced to disk: a beat lost in a power cut
    /// costs nothing, and cron calls the sender every minute.
    public func record(_ beat: Heartbeat, at now: Date) throws {
        try db.write(synced: false) { db in
            try db.execute(
                "INSERT INTO heartbeats (name, at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET at = excluded.at",
                [beat.rawValue, now]
            )
        }
    }

    /// When `beat` last finished, if it ever did.
    public func last(_ beat: Heartbeat) throws -> Date? {
        try db.row("SELECT at FROM heartbeats WHERE name = ?", [beat.rawValue])?.optionalDate("at")
    }

    /// The latest time stored by anything that writes the time of its own work: letters,
    /// sends, sessions and heartbeats. A clock set back before it would break the rolling limits.
    public func latestStoredTime() throws -> Date? {
        try db.row(
            """
            SELECT max(
                coalesce((SELECT max(updated_at) FROM letters), 0),
                coalesce((SELECT max(at) FROM sends), 0),
                coalesce((SELECT max(last_seen_at) FROM sessions), 0),
                coalesce((SELECT max(at) FROM heartbeats), 0)
            ) AS latest
            """
        ).flatMap { row in try row.int64("latest") > 0 ? row.date("latest") : nil }
    }
}
