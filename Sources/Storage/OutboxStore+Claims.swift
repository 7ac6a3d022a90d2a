public import struct Foundation.Date

/// Who holds a run's claims: the run's name for itself, and the boot of the machine it runs in.
public struct Claimant: Sendable, Equatable {
    /// Unique to the run: host, process and a random part.
    public let owner: String
    /// The machine's boot id (`/proc/sys/kernel/random/boot_id`) when the claim was made; empty
    /// when unknown, which recovery reads as "a reboot may have come since".
    public let boot: String

    public init(owner: String, boot: String) {
        self.owner = owner
        self.boot = boot
    }
}

/// How a claimed letter's attempt ended, as the sender records it.
public enum AttemptEnd: Sendable, Equatable {
    /// The server took it (250 after the final dot); `from` is the address the letter went with
    /// (the From of the profile that sent it, which is a reserve's when it carried the letter).
    case sent(reply: String, from: String = "")
    /// Back to the queue for `at`. `countAttempt` is false for a profile pause or a broken
    /// login (the letter did nothing wrong); `mayHaveLeft` keeps its place in the limits.
    case requeue(at: Date, reply: String, step: String, countAttempt: Bool, mayHaveLeft: Bool)
    /// It will never go as it is.
    case failed(reply: String, step: String, mayHaveLeft: Bool)
}

/// The delivery window (DESIGN.md §3; docs/delivery.md), paid for once per batch.
///
/// A run claims its batch in one synced transaction that records each letter's place in the
/// order of sending (`claim_seq`), the boot it runs in, and a `sends` row that counts the
/// letter in the rolling 24 hours until its outcome is known. The run sends the letters in that
/// order, one at a time, and commits each outcome before the next letter goes, without waiting
/// for the disk. So when a run dies, its claims say what may have left:
///
/// - the process died (kill -9, a crash), the machine did not: every outcome it committed is in
///   the write-ahead log, so of its unfinished letters only the first in order can have been on
///   the wire. That one is sent again flagged «возможен дубль»; the rest were never tried.
/// - the machine rebooted (a power cut): outcomes not yet on disk may be gone, so every
///   unfinished letter may have left. All are sent again, flagged; none is lost.
///
/// Either way each may-have-left letter keeps its `sends` row, so no limit is exceeded.
extension OutboxStore {
    /// Claims a run's batch of `profileID`'s letters in one synced transaction, in the order
    /// given, which is the order they will be sent in: each letter's place follows the places
    /// `claimant` already holds. Letters no longer queued, or moved to another profile meanwhile
    /// (a deleted profile's go to the default), are left out. Each claimed letter counts in the
    /// profile's limits from now on.
    ///
    /// The letters in `borrowed` are other profiles' letters that `profileID` carries as their
    /// reserve (`ReserveRoute`): they count in `profileID`'s limits, record it as the profile
    /// whose run holds them (`via_profile_id`), and are left out unless they still may move: not a
    /// test letter, and not one whose answer was ambiguous («возможен дубль») unless it was
    /// ambiguous through this very profile.
    public func claim(
        ids: [Int64],
        borrowed: Set<Int64> = [],
        profileID: Int64,
        by claimant: Claimant,
        leaseUntil: Date,
        now: Date
    ) throws -> [StoredLetter] {
        try db.write { db in
            let first = try db.integer(
                "SELECT coalesce(max(claim_seq), 0) FROM letters WHERE status = 'sending' AND claim_owner = ?",
                [claimant.owner]
            )
            var place = first
            for id in ids {
                let isBorrowed = borrowed.contains(id)
                try db.execute(
                    """
                    INSERT INTO sends (profile_id, letter_id, priority, at)
                    SELECT ?, id, priority, ? FROM letters WHERE id = ? AND status = 'queued'
                        AND \(isBorrowed ? Self.mayMove : "profile_id = ? AND via_profile_id IS NULL")
                    """,
                    isBorrowed ? [profileID, now, id, profileID, profileID] : [profileID, now, id, profileID]
                )
                guard db.changes == 1 else { continue }
                place += 1
                try db.execute(
                    """
                    UPDATE letters SET status = 'sending', phase = 'claimed', claim_owner = ?, claim_seq = ?,
                        claim_boot = ?, lease_until = ?, send_id = ?, via_profile_id = ?, updated_at = ?
                    WHERE id = ?
                    """,
                    [
                        claimant.owner, place, claimant.boot, leaseUntil, db.lastInsertRowID,
                        isBorrowed ? profileID : nil, now, id,
                    ]
                )
            }
            // Read back in one query (an UPDATE … RETURNING per letter costs more than the update).
            return try db.rows(
                """
                SELECT * FROM letters WHERE status = 'sending' AND claim_owner = ? AND claim_seq > ?
                ORDER BY claim_seq
                """,
                [claimant.owner, first]
            ).map(StoredLetter.init)
        }
    }

    /// Gives back claimed letters that were never tried (the batch ended early): queued again,
    /// untouched, and no longer counted in the limits. Synced: a letter given back must not be
    /// read as one that may have left.
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
                    UPDATE letters SET status = 'queued', \(Self.unclaimed), \(Self.toDefaultIfOrphaned),
                        via_profile_id = CASE WHEN possible_duplicate = 1 THEN via_profile_id END
                    WHERE id = ? AND claim_owner = ? AND status = 'sending' AND phase = 'claimed'
                    """,
                    [now, id, owner]
                )
            }
        }
    }

    /// Moves the end of the lease of every letter `owner` still holds, so that a long batch
    /// keeps its claims. Not synced: if a power cut takes it back, the run is gone anyway.
    public func renewClaims(owner: String, leaseUntil: Date) throws {
        try db.write(synced: false) { db in
            try db.execute(
                "UPDATE letters SET lease_until = ? WHERE status = 'sending' AND claim_owner = ?",
                [leaseUntil, owner]
            )
        }
    }

    /// Ends `owner`'s claim on a letter the way `end` says. False when the claim was lost.
    ///
    /// Not synced to disk: it survives a killed process (so after a crash of the run, only the
    /// letter after it can be ambiguous); a power cut may take it back, and then the letter is
    /// read as one that may have left (see the type's comment).
    @discardableResult
    public func finish(id: Int64, owner: String, _ end: AttemptEnd, now: Date) throws -> Bool {
        try db.write(synced: false) { db in
            guard
                let row = try db.row(
                    """
                    SELECT send_id, coalesce((SELECT name FROM profiles WHERE id = letters.via_profile_id), profile_name)
                        AS carrier FROM letters WHERE id = ? AND claim_owner = ? AND status = 'sending'
                    """,
                    [id, owner]
                )
            else { return false }
            let mayHaveLeft: Bool
            let journal: (outcome: String, step: String, reply: String)
            switch end {
            case .sent(let reply, let from):
                mayHaveLeft = true
                try db.execute(
                    """
                    UPDATE letters SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_reply = ?,
                        sent_profile_name = ?, sent_from = ?, via_reserve = via_profile_id IS NOT NULL,
                        \(Self.unclaimed) WHERE id = ?
                    """,
                    [now, reply, try row.string("carrier"), from, now, id]
                )
                journal = ("sent", "", reply)
            case .requeue(let at, let reply, let step, let countAttempt, let left):
                mayHaveLeft = left
                try db.execute(
                    """
                    UPDATE letters SET status = 'queued', next_attempt_at = ?, attempts = attempts + ?, last_reply = ?,
                        possible_duplicate = max(possible_duplicate, ?), \(Self.unclaimed), \(Self.toDefaultIfOrphaned),
                        \(Self.pinnedIfAmbiguous)
                    WHERE id = ?
                    """,
                    [at, countAttempt ? 1 : 0, reply, left, now, left, id]
                )
                journal = (countAttempt ? "retry" : "deferred", step, reply)
            case .failed(let reply, let step, let left):
                mayHaveLeft = left
                try db.execute(
                    """
                    UPDATE letters SET status = 'failed', attempts = attempts + 1, last_reply = ?,
                        possible_duplicate = max(possible_duplicate, ?), \(Self.unclaimed), \(Self.pinnedIfAmbiguous)
                    WHERE id = ?
                    """,
                    [reply, left, now, left, id]
                )
                journal = ("failed", step, reply)
            }
            // A letter that may have left counts from when it went, not from when its batch was
            // claimed: the last letter of a slow batch leaves the provider's 24 hours that much
            // later. One that did not leave frees its place.
            if mayHaveLeft {
                try db.execute(
                    "UPDATE sends SET at = ? WHERE id = ? AND at <> ?",
                    [now, try row.value("send_id"), now]
                )
            } else {
                try db.execute("DELETE FROM sends WHERE id = ?", [try row.value("send_id")])
            }
            try db.execute(
                "INSERT INTO attempts (letter_id, profile_name, at, outcome, step, reply) VALUES (?, ?, ?, ?, ?, ?)",
                [id, try row.string("carrier"), now, journal.outcome, journal.step, journal.reply]
            )
            return true
        }
    }

    /// Takes back the claims of `profileID` whose lease has run out (their run died), reading
    /// them as the type's comment says: a letter that may have left goes back flagged «возможен
    /// дубль» and keeps its place in the limits (counted from now, the latest moment it can have
    /// gone); one that cannot have left goes back as if never tried. `boot` is the machine's boot
    /// id now. Call it only while holding the profile's lock. The default profile also takes back
    /// the claims of letters whose profile was deleted while they were in flight. Returns how many
    /// were taken back.
    @discardableResult
    public func recoverExpiredClaims(profileID: Int64, now: Date, boot: String) throws -> Int {
        try db.write { db in
            // Which unfinished letters may have left: made before a reboot (or with the boot
            // unknown), or the first in its run's order. `data_sent` is also what runs before
            // this schema wrote for a letter whose data had gone.
            try db.execute(
                """
                UPDATE letters SET phase = 'data_sent'
                WHERE status = 'sending' AND \(Self.heldBy) AND lease_until < ? AND phase = 'claimed'
                    AND claim_seq IS NOT NULL
                    AND (claim_boot <> ? OR claim_boot = '' OR ? = ''
                        OR claim_seq = (SELECT min(run.claim_seq) FROM letters run
                            WHERE run.status = 'sending' AND run.claim_owner = letters.claim_owner))
                """,
                [profileID, profileID, now, boot, boot]
            )
            try db.execute(
                """
                UPDATE sends SET at = max(at, ?) WHERE id IN (SELECT send_id FROM letters
                    WHERE status = 'sending' AND phase = 'data_sent' AND \(Self.heldBy) AND lease_until < ?)
                """,
                [now, profileID, profileID, now]
            )
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
                SELECT id, coalesce((SELECT name FROM profiles WHERE id = letters.via_profile_id), profile_name), ?,
                    CASE phase WHEN 'data_sent' THEN 'ambiguous' ELSE 'abandoned' END, '',
                    'run ended before the server answered'
                FROM letters WHERE status = 'sending' AND \(Self.heldBy) AND lease_until < ?
                """,
                [now, profileID, profileID, now]
            )
            // A test letter is never sent later, unwatched: an interrupted check fails it.
            try db.execute(
                """
                UPDATE letters SET status = 'failed', possible_duplicate = max(possible_duplicate, phase = 'data_sent'),
                    last_reply = 'check interrupted', \(Self.unclaimed)
                WHERE status = 'sending' AND is_test = 1 AND \(Self.heldBy) AND lease_until < ?
                """,
                [now, profileID, profileID, now]
            )
            let failedTests = db.changes
            try db.execute(
                """
                UPDATE letters SET status = 'queued', possible_duplicate = max(possible_duplicate, phase = 'data_sent'),
                    next_attempt_at = ?, \(Self.unclaimed), \(Self.toDefaultIfOrphaned),
                    via_profile_id = CASE WHEN possible_duplicate = 1 OR phase = 'data_sent' THEN via_profile_id END
                WHERE status = 'sending' AND \(Self.heldBy) AND lease_until < ?
                """,
                [now, now, profileID, profileID, now]
            )
            return db.changes + failedTests
        }
    }

    /// The columns of a claim, cleared (one `?`: `updated_at`).
    private static let unclaimed =
        "phase = NULL, claim_owner = NULL, claim_seq = NULL, claim_boot = NULL, lease_until = NULL, send_id = NULL, updated_at = ?"

    /// The letters whose claims the runs of profile `?` (bound twice) hold: its own and those it
    /// carries as a reserve (`via_profile_id`), and for the default profile also those whose
    /// profile was deleted while they were in flight (`ProfileStore.delete`).
    private static let heldBy = """
        (coalesce(via_profile_id, profile_id) = ?
            OR (profile_id IS NULL AND via_profile_id IS NULL AND ? IN (SELECT id FROM profiles WHERE is_default = 1)))
        """

    /// A letter that may move to reserve `?` (bound twice): a queued letter of another profile,
    /// not a test letter, and not ambiguous («возможен дубль») unless through that reserve: a
    /// duplicate from another mailbox is worse than a late letter.
    static let mayMove = """
        is_test = 0 AND profile_id IS NOT NULL AND profile_id <> ?
            AND (via_profile_id = ? OR (via_profile_id IS NULL AND possible_duplicate = 0))
        """

    /// Keeps a letter's reserve (`via_profile_id`) only when an attempt may have delivered it (the
    /// letter was, or now becomes — `?` — «возможен дубль»): then it goes again only through that
    /// mailbox. Otherwise the letter is free to go through its own profile or any reserve.
    private static let pinnedIfAmbiguous = """
        via_profile_id = CASE WHEN max(possible_duplicate, ?) = 1 THEN via_profile_id END
        """

    /// A letter whose profile was deleted while it was in flight goes to the default profile when
    /// it returns to the queue (the right-hand sides read the row as it was).
    private static let toDefaultIfOrphaned = """
        profile_id = coalesce(profile_id, (SELECT id FROM profiles WHERE is_default = 1)),
        profile_name = CASE WHEN profile_id IS NULL
            THEN coalesce((SELECT name FROM profiles WHERE is_default = 1), profile_name) ELSE profile_name END
        """
}
