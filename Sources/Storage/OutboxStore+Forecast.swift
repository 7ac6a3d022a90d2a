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

    /// The place of the queued letter `id` (of `profileID`, its class and next attempt as given)
    /// in its class: the letters before it, counted on the `letters_due` index.
    public func queueRank(id: Int64, profileID: Int64, priority: Bool, nextAttemptAt: Date) throws -> Int {
        Int(
            try db.integer(
                """
                SELECT count(*) FROM letters
                WHERE status = 'queued' AND profile_id = ? AND priority = ? AND (next_attempt_at, id) < (?, ?)
                """,
                [profileID, priority, nextAttemptAt, id]
            )
        )
    }
}
