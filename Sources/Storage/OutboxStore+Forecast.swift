public import MailCore

public import struct Foundation.Date

/// What `QueueForecast` reads of the queue: counts, never the letters one by one.
extension OutboxStore {
    /// A profile's queued letters of each class: how many are due at `now`, and how many fall due
    /// at each later moment (retries). Read from the `letters_due` index.
    public func waiting(profileID: Int64, now: Date) throws -> (priority: WaitingLetters, regular: WaitingLetters) {
        var letters: [Bool: WaitingLetters] = [true: WaitingLetters(), false: WaitingLetters()]
        for row in try db.rows(
            """
            SELECT priority, count(*) AS n FROM letters
            WHERE status = 'queued' AND profile_id = ? AND priority IN (0, 1) AND next_attempt_at <= ?
            GROUP BY priority
            """,
            [profileID, now]
        ) {
            letters[try row.bool("priority"), default: WaitingLetters()].due = try row.int("n")
        }
        for row in try db.rows(
            """
            SELECT priority, next_attempt_at, count(*) AS n FROM letters
            WHERE status = 'queued' AND profile_id = ? AND priority IN (0, 1) AND next_attempt_at > ?
            GROUP BY priority, next_attempt_at
            """,
            [profileID, now]
        ) {
            letters[try row.bool("priority"), default: WaitingLetters()].later[try row.date("next_attempt_at")] =
                try row.int("n")
        }
        return (letters[true] ?? WaitingLetters(), letters[false] ?? WaitingLetters())
    }

    /// A queued letter's place among its profile's queued letters of its class, in the order a
    /// run takes them (next attempt, then id): 0 for the first to go. Nil when it is not queued.
    public func queueRank(of letter: StoredLetter) throws -> Int? {
        guard letter.status == .queued, let profileID = letter.profileID else { return nil }
        return Int(
            try db.integer(
                """
                SELECT count(*) FROM letters
                WHERE status = 'queued' AND profile_id = ? AND priority = ? AND (next_attempt_at, id) < (?, ?)
                """,
                [profileID, letter.priority, letter.nextAttemptAt, letter.id]
            )
        )
    }
}
