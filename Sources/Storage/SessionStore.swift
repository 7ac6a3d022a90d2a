public import struct Foundation.Date

/// A logged-in browser, found by the digest of its cookie token.
public struct StoredSession: Sendable, Equatable {
    public let tokenDigest: String
    public let adminID: Int64
    public let adminName: String
    public let csrfToken: String
    public let createdAt: Date
    public let lastSeenAt: Date
}

/// Sessions in the database. Only token digests are stored, so a copy of the database opens
/// no session.
public struct SessionStore {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    public func create(tokenDigest: String, adminID: Int64, csrfToken: String, now: Date) throws {
        try db.execute(
            "INSERT INTO sessions (token_hash, admin_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
            [tokenDigest, adminID, csrfToken, now, now]
        )
    }

    public func find(tokenDigest: String) throws -> StoredSession? {
        try db.row(
            """
            SELECT s.token_hash, s.admin_id, a.name, s.csrf_token, s.created_at, s.last_seen_at
            FROM sessions s JOIN admins a ON a.id = s.admin_id WHERE s.token_hash = ?
            """,
            [tokenDigest]
        ).map { row in
            try StoredSession(
                tokenDigest: row.string("token_hash"),
                adminID: row.int64("admin_id"),
                adminName: row.string("name"),
                csrfToken: row.string("csrf_token"),
                createdAt: row.date("created_at"),
                lastSeenAt: row.date("last_seen_at")
            )
        }
    }

    public func touch(tokenDigest: String, now: Date) throws {
        try db.execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", [now, tokenDigest])
    }

    public func delete(tokenDigest: String) throws {
        try db.execute("DELETE FROM sessions WHERE token_hash = ?", [tokenDigest])
    }

    /// Removes sessions idle since before `idleBefore` or created before `createdBefore`.
    public func deleteExpired(idleBefore: Date, createdBefore: Date) throws {
        try db.execute("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?", [idleBefore, createdBefore])
    }
}
