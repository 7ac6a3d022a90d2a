public import struct Foundation.Date

/// «Журнал»: the outbox as the admin reads it, and the admin's actions on letters.
///
/// Listing pages by id (keyset, newest first), never by OFFSET: page 1,000 costs what page 1
/// does (see `JournalQuery` for which index serves which filter). Every action is one short
/// `BEGIN IMMEDIATE` transaction that changes a letter only from the state the action is for,
/// so it cannot race a sender run that claims the same letter.
public struct JournalStore {
    /// Letters on one page of the journal.
    public static let pageSize = 50

    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    // MARK: - Reading

    /// Up to `limit` letters of `filter` with an id below `before` (nil: from the newest).
    public func page(_ filter: JournalFilter, before: Int64? = nil, limit: Int = pageSize) throws -> JournalPage {
        let query = JournalQuery.page(filter, before: before, limit: limit + 1)
        var entries = try db.rows(query.sql, query.arguments).map(JournalEntry.init)
        guard entries.count > limit else { return JournalPage(entries: entries, nextBefore: nil) }
        entries.removeLast(entries.count - limit)
        return JournalPage(entries: entries, nextBefore: entries.last?.id)
    }

    /// Calls `body` for every letter of `filter`, newest first, one row at a time from the
    /// cursor (the export): memory does not grow with the number of letters, and the one
    /// statement reads one snapshot however long `body` takes.
    public func forEach(_ filter: JournalFilter, _ body: (JournalEntry) throws -> Void) throws {
        let query = JournalQuery.all(filter)
        try db.forEachRow(query.sql, query.arguments) { try body(JournalEntry($0)) }
    }

    /// A letter with its bodies and its history, oldest attempt first.
    public func letter(id: Int64) throws -> (letter: StoredLetter, attempts: [LetterAttempt])? {
        try db.read { db in
            guard let row = try db.row("SELECT * FROM letters WHERE id = ?", [id]) else { return nil }
            let attempts = try db.rows(
                "SELECT at, outcome, step, reply, profile_name FROM attempts WHERE letter_id = ? ORDER BY at, id",
                [id]
            ).map(LetterAttempt.init)
            return (try StoredLetter(row), attempts)
        }
    }

    /// Failed letters of a profile: what «retry all failed letters» would put back in the queue.
    public func failedCount(profileID: Int64) throws -> Int {
        // Kept by triggers (migration 9), so a page need not count a profile's failed letters.
        Int(try db.integer("SELECT coalesce(sum(failed), 0) FROM failed_counts WHERE profile_id = ?", [profileID]))
    }

    // MARK: - Actions

    /// Puts a failed letter back in the queue, due at once; its attempt count is kept and the
    /// next run sends it within its profile's limits. A letter whose profile was deleted goes
    /// through the default profile, as queued letters do when their profile is deleted. A queued
    /// letter waiting for its next attempt becomes due at once.
    public func retryNow(id: Int64, now: Date) throws -> JournalChange {
        try db.write { db in
            guard let status = try status(of: id, db) else { return .notFound }
            if status == .queued {
                try db.execute(
                    """
                    UPDATE letters SET next_attempt_at = ?, updated_at = ?
                    WHERE id = ? AND status = 'queued' AND next_attempt_at > ?
                    """,
                    [now, now, id, now]
                )
                if db.changes > 0 { try journal(id: id, outcome: "admin_retry", now: now, db) }
                return .done
            }
            guard status == .failed else { return .refused(current: status) }
            try db.execute(
                """
                UPDATE letters SET status = 'queued', next_attempt_at = ?, updated_at = ?,
                    profile_id = coalesce(profile_id, (SELECT id FROM profiles WHERE is_default = 1)),
                    profile_name = coalesce((SELECT name FROM profiles
                        WHERE id = coalesce(letters.profile_id, (SELECT id FROM profiles WHERE is_default = 1))), profile_name)
                WHERE id = ? AND status = 'failed'
                """,
                [now, now, id]
            )
            try journal(id: id, outcome: "admin_retry", now: now, db)
            return .done
        }
    }

    /// Cancels a letter waiting in the queue. A letter being sent cannot be cancelled: it may
    /// already be with the mail host.
    public func cancel(id: Int64, now: Date) throws -> JournalChange {
        try db.write { db in
            guard let status = try status(of: id, db) else { return .notFound }
            guard status == .queued else { return .refused(current: status) }
            try db.execute(
                "UPDATE letters SET status = 'cancelled', updated_at = ? WHERE id = ? AND status = 'queued'",
                [now, id]
            )
            try journal(id: id, outcome: "admin_cancel", now: now, db)
            return .done
        }
    }

    /// Puts every failed letter of a profile back in the queue, due at once. They do not all go
    /// in the next run: the planner sends them within the profile's limits, run after run.
    /// Returns how many went back.
    public func retryFailed(profileID: Int64, now: Date) throws -> Int {
        try db.write { db in
            let name = try db.row("SELECT name FROM profiles WHERE id = ?", [profileID]).map { try $0.string("name") }
            guard let name else { return 0 }
            try db.execute(
                """
                INSERT INTO attempts (letter_id, profile_name, at, outcome, step, reply)
                SELECT id, ?, ?, 'admin_retry', '', '' FROM letters WHERE status = 'failed' AND profile_id = ?
                """,
                [name, now, profileID]
            )
            try db.execute(
                """
                UPDATE letters SET status = 'queued', next_attempt_at = ?, profile_name = ?, updated_at = ?
                WHERE status = 'failed' AND profile_id = ?
                """,
                [now, name, now, profileID]
            )
            return db.changes
        }
    }

    private func status(of id: Int64, _ db: Database) throws -> LetterStatus? {
        guard let row = try db.row("SELECT status FROM letters WHERE id = ?", [id]) else { return nil }
        return try row.enumValue(LetterStatus.self, "status")
    }

    /// Records an admin's action in the letter's history.
    private func journal(id: Int64, outcome: String, now: Date, _ db: Database) throws {
        try db.execute(
            """
            INSERT INTO attempts (letter_id, profile_name, at, outcome, step, reply)
            SELECT id, profile_name, ?, ?, '', '' FROM letters WHERE id = ?
            """,
            [now, outcome, id]
        )
    }
}
