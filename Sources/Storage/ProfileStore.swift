public import MailCore

public import struct Foundation.Date

/// Why the store refused to change a profile.
public enum ProfileStoreError: Error, Sendable, Equatable {
    case notFound
    /// Another profile has this name.
    case duplicateName
    /// The only profile left can never be deleted.
    case lastProfile
    /// The default profile cannot be deleted until another one is made default.
    case isDefault
}

/// Profiles in the database. Keeps the rule "exactly one default while any profile exists"
/// inside its write transactions, so no page or race can break it.
public struct ProfileStore {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// Every profile, by name.
    public func all() throws -> [Profile] {
        try db.rows("SELECT \(Self.readColumns) FROM profiles ORDER BY name COLLATE NOCASE, id").map(Self.profile)
    }

    public func find(id: Int64) throws -> Profile? {
        try db.row("SELECT \(Self.readColumns) FROM profiles WHERE id = ?", [id]).map(Self.profile)
    }

    public func find(name: String) throws -> Profile? {
        try db.row("SELECT \(Self.readColumns) FROM profiles WHERE name = ?", [name]).map(Self.profile)
    }

    /// The default profile (nil only when there are no profiles).
    public func defaultProfile() throws -> Profile? {
        try db.row("SELECT \(Self.readColumns) FROM profiles WHERE is_default = 1").map(Self.profile)
    }

    public func count() throws -> Int {
        Int(try db.integer("SELECT count(*) FROM profiles"))
    }

    /// The sealed password of a profile, for the code that logs in to the mail host.
    public func sealedPassword(id: Int64) throws -> [UInt8]? {
        try db.row("SELECT password_sealed FROM profiles WHERE id = ?", [id])?.blob("password_sealed")
    }

    /// Creates a profile. The first profile becomes the default whatever the form said.
    /// `seal` turns the password into its stored form, bound to the new profile's id.
    public func create(
        _ settings: ProfileSettings,
        now: Date,
        seal: (_ password: String, _ profileID: Int64) throws -> [UInt8]
    ) throws -> Int64 {
        try db.write { db in
            let becomesDefault = try settings.isDefault || db.integer("SELECT count(*) FROM profiles") == 0
            if becomesDefault { try db.execute("UPDATE profiles SET is_default = 0 WHERE is_default = 1") }
            try mapUnique {
                try db.execute(
                    """
                    INSERT INTO profiles (name, host, port, security, sender_name, sender_email, login,
                        password_sealed, is_default, max_per_day, interval_minutes, batch_size, priority_per_day,
                        created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, x'', ?, ?, ?, ?, ?, ?, ?)
                    """,
                    Self.columns(settings) + [becomesDefault] + Self.limitColumns(settings.limits) + [now, now]
                )
            }
            let id = db.lastInsertRowID
            if let password = settings.newPassword {
                try db.execute("UPDATE profiles SET password_sealed = ? WHERE id = ?", [try seal(password, id), id])
            }
            return id
        }
    }

    /// Saves an edited profile. A new password replaces the stored one; none keeps it. Editing
    /// clears a "broken" state: the admin has changed what the mail host refused. Unticking
    /// «По умолчанию» on the default profile keeps it default: another must take its place.
    public func update(
        id: Int64,
        _ settings: ProfileSettings,
        now: Date,
        seal: (_ password: String, _ profileID: Int64) throws -> [UInt8]
    ) throws {
        try db.write { db in
            guard try db.row("SELECT id FROM profiles WHERE id = ?", [id]) != nil else {
                throw ProfileStoreError.notFound
            }
            if settings.isDefault {
                try db.execute("UPDATE profiles SET is_default = 0 WHERE is_default = 1 AND id <> ?", [id])
            }
            try mapUnique {
                try db.execute(
                    """
                    UPDATE profiles SET name = ?, host = ?, port = ?, security = ?, sender_name = ?, sender_email = ?,
                        login = ?, is_default = max(is_default, ?), max_per_day = ?, interval_minutes = ?,
                        batch_size = ?, priority_per_day = ?, updated_at = ?,
                        state = CASE state WHEN 'broken' THEN 'ok' ELSE state END,
                        state_reply = CASE state WHEN 'broken' THEN '' ELSE state_reply END
                    WHERE id = ?
                    """,
                    Self.columns(settings) + [settings.isDefault] + Self.limitColumns(settings.limits) + [now, id]
                )
            }
            if let password = settings.newPassword {
                try db.execute("UPDATE profiles SET password_sealed = ? WHERE id = ?", [try seal(password, id), id])
            }
        }
    }

    /// Makes `id` the default profile and clears the flag on every other one, atomically.
    public func makeDefault(id: Int64, now: Date) throws {
        try db.write { db in
            guard try db.row("SELECT id FROM profiles WHERE id = ?", [id]) != nil else {
                throw ProfileStoreError.notFound
            }
            try db.execute(
                "UPDATE profiles SET is_default = 0, updated_at = ? WHERE is_default = 1 AND id <> ?",
                [now, id]
            )
            try db.execute("UPDATE profiles SET is_default = 1, updated_at = ? WHERE id = ?", [now, id])
        }
    }

    /// Why `id` cannot be deleted right now, or nil when it can.
    public func deletionRefusal(id: Int64) throws -> ProfileStoreError? {
        guard let row = try db.row("SELECT is_default FROM profiles WHERE id = ?", [id]) else { return .notFound }
        if try db.integer("SELECT count(*) FROM profiles") <= 1 { return .lastProfile }
        if row.bool("is_default") { return .isDefault }
        return nil
    }

    /// Deletes a profile that is neither the last nor the default. Its unfinished letters move
    /// to the default profile; sent letters keep their history under the profile's name.
    public func delete(id: Int64, now: Date) throws {
        try db.write { db in
            if let refusal = try deletionRefusal(id: id) { throw refusal }
            try db.execute(
                """
                UPDATE letters SET profile_id = (SELECT id FROM profiles WHERE is_default = 1),
                    profile_name = (SELECT name FROM profiles WHERE is_default = 1), updated_at = ?
                WHERE profile_id = ? AND status IN ('queued', 'sending')
                """,
                [now, id]
            )
            try db.execute("DELETE FROM profiles WHERE id = ?", [id])
        }
    }

    private func mapUnique(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw ProfileStoreError.duplicateName
        }
    }

    private static func columns(_ settings: ProfileSettings) -> [any SQLBindable] {
        [
            settings.name, settings.host, settings.port, settings.security.rawValue, settings.senderName,
            settings.senderEmail.address, settings.login,
        ]
    }

    private static func limitColumns(_ limits: ProfileLimits) -> [any SQLBindable] {
        [limits.maxPerDay, limits.intervalMinutes, limits.batchSize, limits.priorityPerDay]
    }

    /// The columns `profile(_:)` reads: all but the sealed password, which only
    /// `sealedPassword(id:)` reads (a list page of fifty profiles need not copy fifty of them).
    static let readColumns = """
        id, name, host, port, security, sender_name, sender_email, login, is_default, max_per_day,
        interval_minutes, batch_size, priority_per_day, state, state_reply, state_since, paused_until, updated_at
        """

    static func profile(_ row: Row) throws -> Profile {
        guard let email = try? EmailAddress(parsing: row.string("sender_email")) else {
            throw DatabaseError(code: 0, message: "profile \(row.int64("id")) has an invalid sender_email", sql: nil)
        }
        return Profile(
            id: row.int64("id"),
            name: row.string("name"),
            host: row.string("host"),
            port: row.int("port"),
            security: SecurityMode(rawValue: row.string("security")) ?? .ssl,
            senderName: row.string("sender_name"),
            senderEmail: email,
            login: row.string("login"),
            isDefault: row.bool("is_default"),
            limits: ProfileLimits(
                maxPerDay: row.int("max_per_day"),
                intervalMinutes: row.int("interval_minutes"),
                batchSize: row.int("batch_size"),
                priorityPerDay: row.int("priority_per_day")
            ),
            state: state(row),
            updatedAt: row.date("updated_at")
        )
    }

    private static func state(_ row: Row) -> ProfileState {
        switch row.string("state") {
        case "broken":
            return .broken(reply: row.string("state_reply"), since: row.date("state_since"))
        case "paused":
            return .paused(until: row.date("paused_until"), reply: row.string("state_reply"))
        default:
            return .ok
        }
    }
}
