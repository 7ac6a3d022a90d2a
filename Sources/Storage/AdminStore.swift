public import struct Foundation.Date

/// An administrator of the panel.
public struct Admin: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let passwordHash: String
}

/// Administrators in the database (their passwords only as KDF hashes).
public struct AdminStore {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    public func find(name: String) throws -> Admin? {
        try db.row("SELECT id, name, password_hash FROM admins WHERE name = ?", [name]).map(Self.admin)
    }

    public func find(id: Int64) throws -> Admin? {
        try db.row("SELECT id, name, password_hash FROM admins WHERE id = ?", [id]).map(Self.admin)
    }

    /// Adds an administrator; false when the name is taken.
    public func add(name: String, passwordHash: String, now: Date) throws -> Bool {
        do {
            try db.execute(
                "INSERT INTO admins (name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?)",
                [name, passwordHash, now, now]
            )
            return true
        } catch let error as DatabaseError where error.isUniqueViolation {
            return false
        }
    }

    /// Replaces an administrator's password and ends all their sessions; false when unknown.
    public func setPassword(name: String, passwordHash: String, now: Date) throws -> Bool {
        try db.write { db in
            try db.execute(
                "UPDATE admins SET password_hash = ?, updated_at = ? WHERE name = ?",
                [passwordHash, now, name]
            )
            guard db.changes == 1 else { return false }
            try db.execute("DELETE FROM sessions WHERE admin_id = (SELECT id FROM admins WHERE name = ?)", [name])
            return true
        }
    }

    /// Stores a stronger hash of the same password after a successful login.
    public func rehash(id: Int64, passwordHash: String, now: Date) throws {
        try db.execute("UPDATE admins SET password_hash = ?, updated_at = ? WHERE id = ?", [passwordHash, now, id])
    }

    private static func admin(_ row: Row) throws -> Admin {
        Admin(id: try row.int64("id"), name: try row.string("name"), passwordHash: try row.string("password_hash"))
    }
}
