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

    /// The profile an operator means by `reference` (`run --profile`): the one of that name, or
    /// else, for a number, the one with that id.
    public func find(nameOrID reference: String) throws -> Profile? {
        if let named = try find(name: reference) { return named }
        guard !reference.isEmpty, reference.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let id = Int64(reference)
        else { return nil }
        return try find(id: id)
    }

    /// The default profile (nil only when there are no profiles).
    public func defaultProfile() throws -> Profile? {
        try db.row("SELECT \(Self.readColumns) FROM profiles WHERE is_default = 1").map(Self.profile)
    }

    public func count() throws -> Int {
        Int(try db.integer("SELECT count(*) FROM profiles"))
    }

    /// The sealed password of a profile, for the code that logs in to the mail host; nil when
    /// there is none (no such profile, or the password was dropped when the server changed).
    public func sealedPassword(id: Int64) throws -> [UInt8]? {
        let sealed = try db.row("SELECT password_sealed FROM profiles WHERE id = ?", [id])?.blob("password_sealed")
        return sealed?.isEmpty == false ? sealed : nil
    }

    /// Replaces the sealed password with `new` if it is still `old` (a password sealed in an
    /// older form, sealed again on first use); false when it changed meanwhile.
    @discardableResult
    public func replaceSealedPassword(id: Int64, old: [UInt8], new: [UInt8]) throws -> Bool {
        try db.write { db in
            try db.execute(
                "UPDATE profiles SET password_sealed = ? WHERE id = ? AND password_sealed = ?",
                [new, id, old]
            )
            return db.changes == 1
        }
    }

    /// Creates a profile. The first profile becomes the default whatever the form said.
    /// `seal` turns the password into its stored form, bound to the new profile as stored (its
    /// id, host, port and login).
    public func create(
        _ settings: ProfileSettings,
        now: Date,
        seal: (_ password: String, _ profile: Profile) throws -> [UInt8]
    ) throws -> Int64 {
        try db.write { db in
            try checkReserve(settings.reserveID, for: nil)
            let becomesDefault = try settings.isDefault || db.integer("SELECT count(*) FROM profiles") == 0
            if becomesDefault { try db.execute("UPDATE profiles SET is_default = 0 WHERE is_default = 1") }
            try mapUnique {
                try db.execute(
                    """
                    INSERT INTO profiles (name, host, port, security, sender_name, sender_email, login,
                        allow_plain_auth, allow_private_host, password_sealed, is_default, max_per_day,
                        interval_minutes, batch_size, priority_per_day, reserve_profile_id, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, x'', ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    Self.columns(settings) + [becomesDefault] + Self.limitColumns(settings.limits) + [
                        settings.reserveID, now, now,
                    ]
                )
            }
            let id = db.lastInsertRowID
            try storePassword(settings.newPassword, id: id, seal: seal)
            return id
        }
    }

    /// Saves an edited profile. A new password replaces the stored one. None keeps it, unless the
    /// host, port, SSL mode or login changed: then the stored password is dropped (see
    /// `ProfileSettings.dropsStoredPassword(of:)`) and the profile sends nothing until the admin
    /// types it again. Editing clears a "broken" state and the last failure: the admin has changed
    /// what failed. Unticking «По умолчанию» on the default profile keeps it default: another must
    /// take its place.
    /// - Returns: true when the stored password was dropped.
    @discardableResult
    public func update(
        id: Int64,
        _ settings: ProfileSettings,
        now: Date,
        seal: (_ password: String, _ profile: Profile) throws -> [UInt8]
    ) throws -> Bool {
        try db.write { db in
            guard let stored = try find(id: id) else { throw ProfileStoreError.notFound }
            try checkReserve(settings.reserveID, for: id)
            let drops = settings.dropsStoredPassword(of: stored)
            if settings.isDefault {
                try db.execute("UPDATE profiles SET is_default = 0 WHERE is_default = 1 AND id <> ?", [id])
            }
            try mapUnique {
                try db.execute(
                    """
                    UPDATE profiles SET name = ?, host = ?, port = ?, security = ?, sender_name = ?, sender_email = ?,
                        login = ?, allow_plain_auth = ?, allow_private_host = ?,
                        password_sealed = CASE WHEN ? THEN x'' ELSE password_sealed END,
                        is_default = max(is_default, ?), max_per_day = ?, interval_minutes = ?,
                        batch_size = ?, priority_per_day = ?, reserve_profile_id = ?, updated_at = ?,
                        state = CASE state WHEN 'broken' THEN 'ok' ELSE state END,
                        state_reply = CASE state WHEN 'broken' THEN '' ELSE state_reply END,
                        last_failure = '', last_failure_at = NULL
                    WHERE id = ?
                    """,
                    Self.columns(settings) + [drops, settings.isDefault] + Self.limitColumns(settings.limits) + [
                        settings.reserveID, now, id,
                    ]
                )
            }
            try storePassword(settings.newPassword, id: id, seal: seal)
            return drops
        }
    }

    /// Throws the `ReserveProblem` that forbids `reserveID` as the reserve of `id` (nil: a new
    /// profile), read inside the caller's transaction, so two saves cannot close a loop between them.
    private func checkReserve(_ reserveID: Int64?, for id: Int64?) throws {
        guard let reserveID else { return }
        if let problem = ReserveRoute.problem(profile: id, reserve: reserveID, reserves: try reserves()) {
            throw problem
        }
    }

    /// Every profile's reserve, by id (nil: none).
    public func reserves() throws -> [Int64: Int64?] {
        var reserves: [Int64: Int64?] = [:]
        for row in try db.rows("SELECT id, reserve_profile_id FROM profiles") {
            reserves[try row.int64("id")] = .some(try row.optionalInt64("reserve_profile_id"))
        }
        return reserves
    }

    /// What the reserve rules need of every profile: its state and its reserve, by id.
    public func reserveLinks() throws -> [Int64: ReserveLink] {
        var links: [Int64: ReserveLink] = [:]
        for row in try db.rows(
            "SELECT id, state, state_reply, state_since, paused_until, reserve_profile_id FROM profiles"
        ) {
            links[try row.int64("id")] = ReserveLink(
                state: try Self.state(row),
                reserveID: try row.optionalInt64("reserve_profile_id")
            )
        }
        return links
    }

    /// The names of the profiles that name `id` as their reserve, by name: what deleting it
    /// changes («Резервный профиль» of these becomes «нет»).
    public func reserving(id: Int64) throws -> [String] {
        try db.rows("SELECT name FROM profiles WHERE reserve_profile_id = ? ORDER BY name COLLATE NOCASE", [id]).map {
            try $0.string("name")
        }
    }

    /// Seals `password` for the profile as just written (inside the caller's transaction).
    private func storePassword(
        _ password: String?,
        id: Int64,
        seal: (_ password: String, _ profile: Profile) throws -> [UInt8]
    ) throws {
        guard let password else { return }
        guard let profile = try find(id: id) else { throw ProfileStoreError.notFound }
        try db.execute("UPDATE profiles SET password_sealed = ? WHERE id = ?", [try seal(password, profile), id])
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
        if try row.bool("is_default") { return .isDefault }
        return nil
    }

    /// What deleting `id` does to its letters: `queued` ones move to the default profile;
    /// `sending` ones are on the wire through this profile right now and finish through it (one
    /// that must wait again then goes to the default profile).
    public func deletionEffect(id: Int64) throws -> (queued: Int, sending: Int) {
        let row = try db.row(
            """
            SELECT count(*) FILTER (WHERE status = 'queued') AS queued,
                count(*) FILTER (WHERE status = 'sending') AS sending
            FROM letters WHERE profile_id = ? AND status IN ('queued', 'sending')
            """,
            [id]
        )
        return (try row?.int("queued") ?? 0, try row?.int("sending") ?? 0)
    }

    /// Deletes a profile that is neither the last nor the default. Its queued letters move to
    /// the default profile. Letters being sent stay with the run that holds them and finish
    /// through this profile's connection (their `profile_id` becomes NULL, their profile name
    /// stays): sent or failed, they keep its name in the history; put back in the queue, or taken
    /// back after their run died, they go to the default profile (`OutboxStore`). Profiles that
    /// named it as their reserve have none afterwards; letters waiting for it as the reserve that
    /// may already have sent them («возможен дубль») go back to their own profile.
    public func delete(id: Int64, now: Date) throws {
        try db.write { db in
            if let refusal = try deletionRefusal(id: id) { throw refusal }
            try db.execute(
                """
                UPDATE letters SET profile_id = (SELECT id FROM profiles WHERE is_default = 1),
                    profile_name = (SELECT name FROM profiles WHERE is_default = 1), updated_at = ?
                WHERE profile_id = ? AND status = 'queued'
                """,
                [now, id]
            )
            // The profile's `sends` rows go with it (ON DELETE CASCADE), and SQLite may give a freed
            // row id to another profile's next send: a letter in flight lets go of its row first.
            // A letter in flight through a reserve holds a row of the reserve's, counted there.
            try db.execute(
                "UPDATE letters SET send_id = NULL WHERE coalesce(via_profile_id, profile_id) = ? AND status = 'sending'",
                [id]
            )
            // Profiles that named it as their reserve have none any more (the foreign key says the
            // same; said here too, so the rule does not hang on a pragma).
            try db.execute(
                "UPDATE profiles SET reserve_profile_id = NULL, updated_at = ? WHERE reserve_profile_id = ?",
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
            settings.senderEmail.address, settings.login, settings.allowPlainAuth, settings.allowPrivateHost,
        ]
    }

    private static func limitColumns(_ limits: ProfileLimits) -> [any SQLBindable] {
        [limits.maxPerDay, limits.intervalMinutes, limits.batchSize, limits.priorityPerDay]
    }

    /// The columns `profile(_:)` reads: all but the sealed password, which only
    /// `sealedPassword(id:)` reads (a list page of fifty profiles need not copy fifty of them).
    static let readColumns = """
        id, name, host, port, security, sender_name, sender_email, login, allow_plain_auth, allow_private_host,
        is_default, max_per_day, interval_minutes, batch_size, priority_per_day, state, state_reply, state_since,
        paused_until, last_success_at, last_failure, last_failure_at, reserve_profile_id, updated_at
        """

    static func profile(_ row: Row) throws -> Profile {
        guard let email = try? EmailAddress(parsing: row.string("sender_email")) else {
            throw DatabaseError(
                code: 0,
                message: "profile \(try row.int64("id")) has an invalid sender_email",
                sql: nil
            )
        }
        return Profile(
            id: try row.int64("id"),
            name: try row.string("name"),
            host: try row.string("host"),
            port: try row.int("port"),
            security: try row.enumValue(SecurityMode.self, "security"),
            senderName: try row.string("sender_name"),
            senderEmail: email,
            login: try row.string("login"),
            allowPlainAuth: try row.bool("allow_plain_auth"),
            allowPrivateHost: try row.bool("allow_private_host"),
            isDefault: try row.bool("is_default"),
            limits: ProfileLimits(
                maxPerDay: try row.int("max_per_day"),
                intervalMinutes: try row.int("interval_minutes"),
                batchSize: try row.int("batch_size"),
                priorityPerDay: try row.int("priority_per_day")
            ),
            reserveID: try row.optionalInt64("reserve_profile_id"),
            state: try state(row),
            health: ProfileHealth(
                lastSuccessAt: try row.optionalDate("last_success_at"),
                lastFailure: try row.string("last_failure"),
                lastFailureAt: try row.optionalDate("last_failure_at")
            ),
            updatedAt: try row.date("updated_at")
        )
    }

    /// The words of column `state`, each with what it carries.
    private enum StateWord: String {
        case ok
        case broken
        case paused
    }

    private static func state(_ row: Row) throws -> ProfileState {
        switch try row.enumValue(StateWord.self, "state") {
        case .ok:
            return .ok
        case .broken:
            return .broken(reply: try row.string("state_reply"), since: try row.date("state_since"))
        case .paused:
            return .paused(until: try row.date("paused_until"), reply: try row.string("state_reply"))
        }
    }
}
