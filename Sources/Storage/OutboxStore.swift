public import MailCore

public import struct Foundation.Date

/// The outbox: putting letters in, and what a run looks at to plan. Claiming letters and
/// recording how each attempt ended, the delivery window, is in `OutboxStore+Claims.swift`.
/// Every change is a short `BEGIN IMMEDIATE` transaction; none is held open while a letter is on
/// the wire (DESIGN.md §3, docs/delivery.md).
public struct OutboxStore {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    // MARK: - Enqueue

    /// Queues a letter. With an idempotency key already used, returns the first letter's id and
    /// `isNew == false` instead of queuing a second one.
    public func enqueue(_ letter: NewLetter, now: Date) throws -> (id: Int64, isNew: Bool) {
        try db.writeGrouped { db in
            if let key = letter.idempotencyKey,
                let existing = try db.row("SELECT id FROM letters WHERE idempotency_key = ?", [key])
            {
                return (try existing.int64("id"), false)
            }
            try db.execute(
                """
                INSERT INTO letters (profile_id, profile_name, event, to_address, to_name, subject, body_text, body_html,
                    message_id, priority, is_test, status, next_attempt_at, idempotency_key, created_at, updated_at)
                VALUES (?, coalesce((SELECT name FROM profiles WHERE id = ?), ''), ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued',
                    ?, ?, ?, ?)
                """,
                [
                    letter.profileID, letter.profileID, letter.event, letter.toAddress, letter.toName, letter.subject,
                    letter.text, letter.html, letter.messageID, letter.priority, letter.isTest, now,
                    letter.idempotencyKey, now, now,
                ]
            )
            return (db.lastInsertRowID, true)
        }
    }

    /// Queues a letter already claimed by `claimant` (a test letter sent at once), so no run can
    /// take it first. It counts in the limits from this moment.
    public func enqueueClaimed(
        _ letter: NewLetter,
        by claimant: Claimant,
        leaseUntil: Date,
        now: Date
    ) throws -> StoredLetter {
        try db.write { db in
            let id = try enqueue(letter, now: now).id
            guard
                let claimed = try claim(
                    ids: [id],
                    profileID: letter.profileID,
                    by: claimant,
                    leaseUntil: leaseUntil,
                    now: now
                ).first
            else {
                throw DatabaseError(code: 0, message: "letter \(id) could not be claimed", sql: nil)
            }
            return claimed
        }
    }

    public func find(id: Int64) throws -> StoredLetter? {
        try db.row("SELECT * FROM letters WHERE id = ?", [id]).map(StoredLetter.init)
    }

    // MARK: - What a run looks at

    /// True when some letter is due or some claim's lease has run out: the one question an idle
    /// cron run asks.
    public func hasWork(now: Date) throws -> Bool {
        try db.integer(
            """
            SELECT EXISTS (SELECT 1 FROM letters WHERE status = 'queued' AND next_attempt_at <= ?)
                OR EXISTS (SELECT 1 FROM letters WHERE status = 'sending' AND lease_until < ?)
            """,
            [now, now]
        ) != 0
    }

    /// Profiles with due letters (their own, or letters that may go again only through them as a
    /// reserve) or expired claims. The reserves that carry broken or paused profiles' letters are
    /// the caller's to add (`ReserveRoute`).
    public func profilesWithWork(now: Date) throws -> [Int64] {
        try db.rows(Self.profilesWithWorkSQL, [now, now, now, now]).map { try $0.int64("id") }
    }

    /// Per profile, an index probe each (letters_due, letters_via): the cost does not grow with
    /// the queue. The held letters' index is named: without statistics SQLite would rather walk
    /// every due letter (letters_next) and read each row, a million for a million queued.
    static let profilesWithWorkSQL = """
        SELECT id FROM profiles p
        WHERE EXISTS (SELECT 1 FROM letters WHERE status = 'queued' AND profile_id = p.id
                AND priority IN (0, 1) AND next_attempt_at <= ? AND via_profile_id IS NULL)
            OR EXISTS (SELECT 1 FROM letters INDEXED BY letters_via WHERE via_profile_id = p.id
                AND status = 'queued' AND next_attempt_at <= ?)
            OR EXISTS (SELECT 1 FROM letters WHERE status = 'sending' AND coalesce(via_profile_id, profile_id) = p.id
                AND lease_until < ?)
            OR (p.is_default = 1 AND EXISTS (SELECT 1 FROM letters
                WHERE status = 'sending' AND profile_id IS NULL AND via_profile_id IS NULL AND lease_until < ?))
        ORDER BY id
        """

    /// The ids of up to `limit` due letters of one class of a profile, longest waiting first.
    /// Read from the `letters_due` index alone, so planning never touches the letters themselves
    /// (with a million queued, their rows lie on as many pages). The index leaves out letters
    /// that may go again only through a reserve (`via_profile_id`): they are not the profile's.
    public func dueIDs(profileID: Int64, priority: Bool, now: Date, limit: Int) throws -> [Int64] {
        try db.rows(
            """
            SELECT id FROM letters
            WHERE status = 'queued' AND profile_id = ? AND priority = ? AND next_attempt_at <= ?
                AND via_profile_id IS NULL
            ORDER BY next_attempt_at, id LIMIT ?
            """,
            [profileID, priority, now, limit]
        ).map { try $0.int64("id") }
    }

    /// The ids of up to `limit` due letters of one class that `carrierID` may carry as a reserve,
    /// longest waiting first: those of `profileIDs` (the profiles it stands in for now,
    /// `ReserveRoute.borrowers`) that may move, and those that may go again only through it.
    /// Each profile's are read in the `letters_due` order and merged, never sorted as a whole.
    public func borrowableIDs(
        carrierID: Int64,
        profileIDs: [Int64],
        priority: Bool,
        now: Date,
        limit: Int
    ) throws -> [Int64] {
        var due: [(at: Date, id: Int64)] = []
        for profileID in profileIDs where profileID != carrierID {
            due += try db.rows(
                """
                SELECT id, next_attempt_at FROM letters
                WHERE status = 'queued' AND profile_id = ? AND priority = ? AND next_attempt_at <= ?
                    AND via_profile_id IS NULL AND possible_duplicate = 0 AND is_test = 0
                ORDER BY next_attempt_at, id LIMIT ?
                """,
                [profileID, priority, now, limit]
            ).map { (try $0.date("next_attempt_at"), try $0.int64("id")) }
        }
        due += try db.rows(Self.heldForSQL, [carrierID, priority, now, limit]).map {
            (try $0.date("next_attempt_at"), try $0.int64("id"))
        }
        return due.sorted { ($0.at, $0.id) < ($1.at, $1.id) }.prefix(limit).map(\.id)
    }

    /// The due letters held for a reserve, of one class, from their own index (few letters; see
    /// `profilesWithWorkSQL` for why it is named).
    static let heldForSQL = """
        SELECT id, next_attempt_at FROM letters INDEXED BY letters_via
        WHERE via_profile_id = ? AND status = 'queued' AND priority = ? AND next_attempt_at <= ?
        ORDER BY next_attempt_at, id LIMIT ?
        """

    /// Letters of a profile waiting in the queue, due or not: (priority, regular). Its own are the
    /// triggers' count (`queue_counts`), those held for a reserve are few: no walk of the queue.
    public func queuedCount(profileID: Int64) throws -> (priority: Int, regular: Int) {
        var counts = ClassCounts()
        for row in try db.rows(
            """
            SELECT priority, queued AS n FROM queue_counts WHERE profile_id = ?1
            UNION ALL
            SELECT priority, count(*) FROM letters INDEXED BY letters_via
            WHERE via_profile_id IS NOT NULL AND status = 'queued' AND profile_id = ?1 GROUP BY priority
            """,
            [profileID]
        ) {
            counts[try row.bool("priority")] += try row.int("n")
        }
        return (counts.priority, counts.regular)
    }

    /// Every transmission of the profile in (now − 24 h, now], claimed and in-flight ones
    /// included, oldest first.
    public func sendHistory(profileID: Int64, now: Date) throws -> [SendRecord] {
        try db.rows(
            "SELECT at, priority FROM sends WHERE profile_id = ? AND at > ? AND at <= ? ORDER BY at",
            [profileID, now.addingTimeInterval(-86_400), now]
        ).map { SendRecord(at: try $0.date("at"), isPriority: try $0.bool("priority")) }
    }
}
