public import struct Foundation.Date

/// An API token of the shop's backend (only its digest is stored).
public struct APIToken: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let createdAt: Date
    public let lastUsedAt: Date?
    public let revokedAt: Date?
}

/// API tokens in the database.
public struct TokenStore {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// Longest name of a token.
    public static let maxNameLength = 100

    /// A token's name is 1–100 characters without control characters (the panel and the CLI
    /// both check it before `add`).
    public static func isAcceptableName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= maxNameLength
            && !name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// Adds a token by the digest of its secret; false when the name is taken.
    public func add(name: String, digest: String, now: Date) throws -> Bool {
        do {
            try db.execute(
                "INSERT INTO api_tokens (name, token_hash, created_at) VALUES (?, ?, ?)",
                [name, digest, now]
            )
            return true
        } catch let error as DatabaseError where error.isUniqueViolation {
            return false
        }
    }

    public func all() throws -> [APIToken] {
        try db.rows("SELECT * FROM api_tokens ORDER BY revoked_at IS NOT NULL, name").map(Self.token)
    }

    public func find(id: Int64) throws -> APIToken? {
        try db.row("SELECT * FROM api_tokens WHERE id = ?", [id]).map(Self.token)
    }

    /// The live (not revoked) token with this digest.
    public func active(digest: String) throws -> APIToken? {
        try db.row("SELECT * FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL", [digest]).map(Self.token)
    }

    /// Notes a use of `token` (as read by `active`), at most once a minute: most requests only
    /// read, so they never wait for the write lock.
    public func touch(_ token: APIToken, now: Date) throws {
        if let last = token.lastUsedAt, now.timeIntervalSince(last) < 60 { return }
        try db.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [now, token.id])
    }

    public func revoke(id: Int64, now: Date) throws {
        try db.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [now, id])
    }

    private static func token(_ row: Row) throws -> APIToken {
        try APIToken(
            id: row.int64("id"),
            name: row.string("name"),
            createdAt: row.date("created_at"),
            lastUsedAt: row.optionalDate("last_used_at"),
            revokedAt: row.optionalDate("revoked_at")
        )
    }
}
