public import struct Foundation.Date

/// How a claimed letter's attempt ended, as the sender records it.
public enum AttemptEnd: Sendable, Equatable {
    /// The server took it (250 after the final dot).
    case sent(reply: String)
    /// Back to the queue for `at`. `countAttempt` is false for a profile pause or a broken
    /// login (the letter did nothing wrong); `mayHaveLeft` keeps its place in the limits.
    case requeue(at: Date, reply: String, step: String, countAttempt: Bool, mayHaveLeft: Bool)
    /// It will never go as it is.
    case failed(reply: String, step: String, mayHaveLeft: Bool)
}

/// The outbox: putting letters in, claiming them one at a time for sending, and recording how
/// each attempt ended. Every change is a short `BEGIN IMMEDIATE` transaction; none is held open
/// while a letter is on the wire (DESIGN.md §3, "the delivery window").
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
                return (existing.int64("id"), false)
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

    /// Queues a letter already claimed by `owner` (a test letter sent at once), so no run can
    /// take it first. It counts in the limits from this moment.
    public func enqueueClaimed(_ letter: NewLetter, owner: String, leaseUntil: Date, now: Date) throws -> StoredLetter {
        try db.write { db in
            let id = try enqueue(letter, now: now).id
            guard
                let claimed = try claim(
                    id: id,
                    profileID: letter.profileID,
                    owner: owner,
                    leaseUntil: leaseUntil,
                    now: now
                )
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

    /// Profiles with due letters or expired claims.
    public func profilesWithWork(now: Date) throws -> [Int64] {
        // Per profile, an index probe each (letters_due): the cost does not grow with the queue.
        try db.rows(
            """
            SELECT id FROM profiles p
            WHERE EXISTS (SELECT 1 FROM letters WHERE status = 'queued' AND profile_id = p.id
                    AND priority IN (0, 1) AND next_attempt_at <= ?)
                OR EXISTS (SELECT 1 FROM letters WHERE status = 'sending' AND profile_id = p.id AND lease_until < ?)
                OR (p.is_default = 1 AND EXISTS (SELECT 1 FROM letters
                    WHERE status = 'sending' AND profile_id IS NULL AND lease_until < ?))
            ORDER BY id
            """,
            [now, now, now]
        ).map { $0.int64("id") }
    }

    /// The ids of up to `limit` due letters of one class of a profile, longest waiting first.
    /// Read from the `letters_due` index alone, so planning never touches the letters themselves
    /// (with a million queued, their rows lie on as many pages).
    public func dueIDs(profileID: Int64, priority: Bool, now: Date, limit: Int) throws -> [Int64] {
        try db.rows(
            """
            SELECT id FROM letters
            WHERE status = 'queued' AND profile_id = ? AND priority = ? AND next_attempt_at <= ?
            ORDER BY next_attempt_at, id LIMIT ?
            """,
            [profileID, priority, now, limit]
        ).map { $0.int64("id") }
    }

    /// Letters of a profile waiting in the queue, due or not: (priority, regular).
    public func queuedCount(profileID: Int64) throws -> (priority: Int, regular: Int) {
        let row = try db.row(
            "SELECT sum(priority) AS p, count(*) - sum(priority) AS r FROM letters WHERE status = 'queued' AND profile_id = ?",
            [profileID]
        )
        return (row?.int("p") ?? 0, row?.int("r") ?? 0)
    }

    /// Every transmission of the profile in (now − 24 h, now], claimed and in-flight ones
    /// included: (time, was it a priority letter).
    public func sendHistory(profileID: Int64, now: Date) throws -> [(at: Date, priority: Bool)] {
        try db.rows(
            "SELECT at, priority FROM sends WHERE profile_id = ? AND at > ? AND at <= ? ORDER BY at",
            [profileID, now.addingTimeInterval(-86_400), now]
        ).map { ($0.date("at"), $0.bool("priority")) }
    }

    // MARK: - The delivery window

    /// Takes back the claims of `profileID` whose lease has run out (their run died): a letter
    /// still *claimed* goes back as if never tried; one whose data was sent may have been
    /// delivered, so it goes back flagged «возможен дубль» and keeps its place in the limits.
    /// Call it only while holding the profile's lock. The default profile also takes back the
    /// claims of letters whose profile was deleted while they were in flight. Returns how many
    /// were taken back.
    @discardableResult
    public func recoverExpiredClaims(profileID: Int64, now: Date) throws -> Int {
        try db.write { db in
            try db.execute(
                """
                DELETE FROM sends WHERE id IN (SELECT send_id FROM letters
                    WHERE status = 'sending' AND phase = 'claimed' AND \(Self.heldBy) AND lease_until < ?)
                """,
                [profileID, profileID, now]
            )
            try db.execute(
                """
                INSERT INTO attempts (letter_id, profile_name, at, outcome, step, reply)
                SELECT id, profile_name, ?, CASE phase WHEN 'data_sent' THEN 'ambiguous' ELSE 'abandoned' END, '',
                    'run ended before the server answered'
                FROM letters WHERE status = 'sending' AND \(Self.heldBy) AND lease_until < ?
                """,
                [now, profileID, profileID, now]
            )
            // A test letter is never sent later, unwatched: an interrupted check fails it.
            try db.execute(
                """
                UPDATE letters SET status = 'failed', possible_duplicate = max(possible_duplicate, phase = 'data_sent'),
                    last_reply = 'check interrupted', phase = NULL, claim_owner = NULL, lease_until = NULL,
                    send_id = NULL, updated_at = ?
                WHERE status = 'sending' AND is_test = 1 AND \(Self.heldBy) AND lease_until < ?
                """,
                [now, profileID, profileID, now]
            )
            let failedTests = db.changes
            try db.execute(
                """
                UPDATE letters SET status = 'queued', possible_duplicate = max(possible_duplicate, phase = 'data_sent'),
                    phase = NULL, claim_owner = NULL, lease_until = NULL, send_id = NULL, next_attempt_at = ?, updated_at = ?,
                    \(Self.toDefaultIfOrphaned)
                WHERE status = 'sending' AND \(Self.heldBy) AND lease_until < ?
                """,
                [now, now, profileID, profileID, now]
            )
            return db.changes + failedTests
        }
    }

    /// The letters of profile `?` (bound twice): its own, and for the default profile also those
    /// whose profile was deleted while they were in flight.
    private static let heldBy = """
        (profile_id = ? OR (profile_id IS NULL AND ? IN (SELECT id FROM profiles WHERE is_default = 1)))
        """

    /// A letter whose profile was deleted while it was in flight goes to the default profile when
    /// it returns to the queue (the right-hand sides read the row as it was).
    private static let toDefaultIfOrphaned = """
        profile_id = coalesce(profile_id, (SELECT id FROM profiles WHERE is_default = 1)),
        profile_name = CASE WHEN profile_id IS NULL
            THEN coalesce((SELECT name FROM profiles WHERE is_default = 1), profile_name) ELSE profile_name END
        """

    /// Claims one queued letter for `owner` until `leaseUntil` and counts it in the profile's
    /// limits. Nil when it is no longer queued (cancelled, or taken by another run).
    public func claim(id: Int64, profileID: Int64, owner: String, leaseUntil: Date, now: Date) throws -> StoredLetter? {
        try claim(ids: [id], profileID: profileID, owner: owner, leaseUntil: leaseUntil, now: now).first
    }

    /// Claims a run's batch of `profileID`'s letters in one short transaction (one disk sync, not
    /// one per letter), in the order given; letters no longer queued, or moved to another profile
    /// meanwhile (a deleted profile's go to the default), are left out.
    public func claim(
        ids: [Int64],
        profileID: Int64,
        owner: String,
        leaseUntil: Date,
        now: Date
    ) throws
        -> [StoredLetter]
    {
        try db.write { db in
            var claimed: [StoredLetter] = []
            for id in ids {
                guard
                    let row = try db.row(
                        """
                        UPDATE letters SET status = 'sending', phase = 'claimed', claim_owner = ?, lease_until = ?,
                            updated_at = ?
                        WHERE id = ? AND status = 'queued' AND profile_id = ? RETURNING *
                        """,
                        [owner, leaseUntil, now, id, profileID]
                    )
                else { continue }
                let letter = StoredLetter(row)
                try db.execute(
                    "INSERT INTO sends (profile_id, letter_id, priority, at) VALUES (?, ?, ?, ?)",
                    [letter.profileID, id, letter.priority, now]
                )
                try db.execute("UPDATE letters SET send_id = ? WHERE id = ?", [db.lastInsertRowID, id])
                claimed.append(letter)
            }
            return claimed
        }
    }

    /// Gives back claimed letters that were never tried (the batch ended early): queued again,
    /// untouched, and no longer counted in the limits.
    public func release(ids: [Int64], owner: String, now: Date) throws {
        guard !ids.isEmpty else { return }
        try db.write { db in
            for id in ids {
                try db.execute(
                    """
                    DELETE FROM sends WHERE id = (SELECT send_id FROM letters
                        WHERE id = ? AND claim_owner = ? AND status = 'sending' AND phase = 'claimed')
                    """,
                    [id, owner]
                )
                try db.execute(
                    """
                    UPDATE letters SET status = 'queued', phase = NULL, claim_owner = NULL, lease_until = NULL,
                        send_id = NULL, updated_at = ?, \(Self.toDefaultIfOrphaned)
                    WHERE id = ? AND claim_owner = ? AND status = 'sending' AND phase = 'claimed'
                    """,
                    [now, id, owner]
                )
            }
        }
    }

    /// Records that the whole message is with the server and only the final dot is missing;
    /// renews the lease. False when the claim was lost.
    public func markDataSent(id: Int64, owner: String, leaseUntil: Date, now: Date) throws -> Bool {
        try db.write { db in
            try db.execute(
                """
                UPDATE letters SET phase = 'data_sent', lease_until = ?
                WHERE id = ? AND claim_owner = ? AND status = 'sending'
                """,
                [leaseUntil, id, owner]
            )
            guard db.changes == 1 else { return false }
            // The limits count from when the letter went, not from when its batch was claimed:
            // the last letter of a slow batch leaves the provider's 24 hours that much later.
            try db.execute("UPDATE sends SET at = ? WHERE id = (SELECT send_id FROM letters WHERE id = ?)", [now, id])
            return true
        }
    }

    /// Ends `owner`'s claim on a letter the way `end` says. False when the claim was lost.
    ///
    /// Not synced to disk on its own (one sync per letter, for the *data sent* record, is what
    /// the delivery window needs): if a power cut takes this back, the letter is found in its
    /// phase again, and a *data sent* letter is re-sent flagged «возможен дубль».
    @discardableResult
    public func finish(id: Int64, owner: String, _ end: AttemptEnd, now: Date) throws -> Bool {
        try db.write(synced: false) { db in
            guard
                let row = try db.row(
                    "SELECT send_id, profile_name FROM letters WHERE id = ? AND claim_owner = ? AND status = 'sending'",
                    [id, owner]
                )
            else { return false }
            let release = "phase = NULL, claim_owner = NULL, lease_until = NULL, send_id = NULL, updated_at = ?"
            let journal: (outcome: String, step: String, reply: String)
            switch end {
            case .sent(let reply):
                try db.execute(
                    "UPDATE letters SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_reply = ?, \(release) WHERE id = ?",
                    [now, reply, now, id]
                )
                journal = ("sent", "", reply)
            case .requeue(let at, let reply, let step, let countAttempt, let mayHaveLeft):
                if !mayHaveLeft { try db.execute("DELETE FROM sends WHERE id = ?", [row["send_id"]]) }
                try db.execute(
                    """
                    UPDATE letters SET status = 'queued', next_attempt_at = ?, attempts = attempts + ?, last_reply = ?,
                        possible_duplicate = max(possible_duplicate, ?), \(Self.toDefaultIfOrphaned), \(release)
                    WHERE id = ?
                    """,
                    [at, countAttempt ? 1 : 0, reply, mayHaveLeft, now, id]
                )
                journal = (countAttempt ? "retry" : "deferred", step, reply)
            case .failed(let reply, let step, let mayHaveLeft):
                if !mayHaveLeft { try db.execute("DELETE FROM sends WHERE id = ?", [row["send_id"]]) }
                try db.execute(
                    """
                    UPDATE letters SET status = 'failed', attempts = attempts + 1, last_reply = ?,
                        possible_duplicate = max(possible_duplicate, ?), \(release) WHERE id = ?
                    """,
                    [reply, mayHaveLeft, now, id]
                )
                journal = ("failed", step, reply)
            }
            try db.execute(
                "INSERT INTO attempts (letter_id, profile_name, at, outcome, step, reply) VALUES (?, ?, ?, ?, ?, ?)",
                [id, row.string("profile_name"), now, journal.outcome, journal.step, journal.reply]
            )
            return true
        }
    }
}
