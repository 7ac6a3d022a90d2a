public import MailCore

public import struct Foundation.Date

/// What `QueueForecast` reads of the queue: counts, never the letters one by one; and the
/// queue's order over several groups of letters (`QueueOrder`), for a lane that carries more
/// than one.
extension OutboxStore: QueueOrder {
    /// A profile's queued letters that are not held for a reserve (`via_profile_id`), of each
    /// class: how many are due at `now`, and how many fall due at each later moment (retries).
    /// Both are the triggers' counts: the whole (`queue_counts`) and the letters per moment they
    /// fall due (`queue_times`), of which only the moments after `now` are read. Call it in a read
    /// transaction with the rest of the forecast's reads: one snapshot.
    public func waitingOwn(profileID: Int64, now: Date) throws -> WaitingQueue {
        var queue = WaitingQueue()
        for row in try db.rows("SELECT priority, queued FROM queue_counts WHERE profile_id = ?", [profileID]) {
            queue[try row.bool("priority")].due = try row.int("queued")
        }
        for row in try db.rows(
            """
            SELECT priority, next_attempt_at, queued FROM queue_times
            WHERE profile_id = ? AND priority IN (0, 1) AND next_attempt_at > ?
            """,
            [profileID, now]
        ) {
            let isPriority = try row.bool("priority")
            let count = try row.int("queued")
            queue[isPriority].later[try row.date("next_attempt_at")] = count
            queue[isPriority].due = max(0, queue[isPriority].due - count)
        }
        return queue
    }

    /// Of those, the letters that never move to a reserve: «возможен дубль» after their own
    /// profile's attempt, and test letters. Read from the `letters_fixed` index.
    public func waitingFixed(profileID: Int64, now: Date) throws -> WaitingQueue {
        try waiting(from: Self.fixedIndex, "\(Self.fixed) AND profile_id = ?", [profileID], now: now)
    }

    /// The queued letters that may go only through the reserve they were tried through, by their
    /// profile and that reserve.
    public func waitingVia(now: Date) throws -> [(profileID: Int64, reserveID: Int64, letters: WaitingQueue)] {
        var groups: [[Int64]: WaitingQueue] = [:]
        for row in try db.rows(Self.heldSQL) {
            let key = [try row.int64("profile_id"), try row.int64("via_profile_id")]
            let at = try row.date("next_attempt_at")
            let count = try row.int("n")
            let isPriority = try row.bool("priority")
            if at <= now {
                groups[key, default: WaitingQueue()][isPriority].due += count
            } else {
                groups[key, default: WaitingQueue()][isPriority].later[at, default: 0] += count
            }
        }
        return groups.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { ($0.key[0], $0.key[1], $0.value) }
    }

    // MARK: - QueueOrder

    public func count(before key: QueueKey, in source: ForecastSource, isPriority: Bool) throws -> Int {
        try count(source, isPriority, .before, key, limit: nil)
    }

    public func count(after key: QueueKey, in source: ForecastSource, isPriority: Bool, limit: Int) throws -> Int {
        try count(source, isPriority, .after, key, limit: limit)
    }

    /// One side of a letter's place in the queue's order, as two stretches of an index: the letters
    /// of its moment beyond its id, and those of the moments beyond. (SQLite seeks a row value
    /// `(next_attempt_at, id) > (?, ?)` by its first column only: as one condition it would walk
    /// every letter of the key's moment, and a batch of retries shares one.)
    private enum Side {
        case before, after

        func stretches(_ key: QueueKey) -> [(condition: String, arguments: [any SQLBindable])] {
            let sign = self == .before ? "<" : ">"
            return [
                ("next_attempt_at = ? AND id \(sign) ?", [key.nextAttemptAt, key.id]),
                ("next_attempt_at \(sign) ?", [key.nextAttemptAt]),
            ]
        }
    }

    /// The letters of `source`'s class on one side of `key`, counted on an index; at most `limit`.
    private func count(
        _ source: ForecastSource,
        _ isPriority: Bool,
        _ side: Side,
        _ key: QueueKey,
        limit: Int?
    )
        throws -> Int
    {
        func count(_ table: String, _ condition: String, _ bound: [any SQLBindable], limit: Int?) throws -> Int {
            var found = 0
            for stretch in side.stretches(key) {
                let rows = "SELECT 1 FROM \(table) WHERE \(condition) AND priority = ? AND \(stretch.condition)"
                let arguments = bound + [isPriority] + stretch.arguments
                guard let limit else {
                    found += Int(try db.integer("SELECT count(*) FROM (\(rows))", arguments))
                    continue
                }
                guard found < limit else { break }
                found += Int(try db.integer("SELECT count(*) FROM (\(rows) LIMIT ?)", arguments + [limit - found]))
            }
            return found
        }
        switch source.kind {
        case .movable:
            // All of the profile's own less the few fixed ones: both counted on an index.
            let fixed = try count(Self.fixedIndex, "\(Self.fixed) AND profile_id = ?", [source.profileID], limit: nil)
            let own = try count("letters", Self.own, [source.profileID], limit: limit.map { $0 + fixed })
            return min(limit ?? .max, own - fixed)
        case .fixed, .via:
            let (table, condition, bound) = Self.condition(source)
            return try count(table, condition, bound, limit: limit)
        }
    }

    public func key(
        at index: Int,
        merging tails: [(source: ForecastSource, offset: Int)],
        isPriority: Bool
    ) throws
        -> QueueKey?
    {
        guard !tails.isEmpty else { return nil }
        var parts: [String] = []
        var arguments: [any SQLBindable] = []
        for tail in tails {
            let (table, condition, bound) = Self.condition(tail.source)
            parts.append(
                """
                SELECT * FROM (SELECT next_attempt_at, id FROM \(table) WHERE \(condition) AND priority = ?
                    ORDER BY next_attempt_at, id LIMIT -1 OFFSET ?)
                """
            )
            arguments += bound + [isPriority, tail.offset]
        }
        let sql = parts.joined(separator: " UNION ALL ") + " ORDER BY 1, 2 LIMIT 1 OFFSET ?"
        return try db.row(sql, arguments + [index]).map {
            QueueKey(nextAttemptAt: try $0.date("next_attempt_at"), id: try $0.int64("id"))
        }
    }

    // MARK: - Inside

    /// The queued letters held for a reserve, grouped, from their own index (named: SQLite would
    /// rather walk every queued letter).
    static let heldSQL = """
        SELECT profile_id, via_profile_id, priority, next_attempt_at, count(*) AS n FROM letters INDEXED BY letters_via
        WHERE via_profile_id IS NOT NULL AND status = 'queued' AND profile_id IS NOT NULL
        GROUP BY profile_id, via_profile_id, priority, next_attempt_at
        """

    /// A profile's queued letters not held for a reserve: the `letters_due` index.
    private static let own = "status = 'queued' AND profile_id = ? AND via_profile_id IS NULL"
    /// The queued letters that never move: the `letters_fixed` index's own condition, and the
    /// index named (the planner, without statistics, would rather walk all due letters).
    private static let fixed =
        "status = 'queued' AND via_profile_id IS NULL AND (possible_duplicate = 1 OR is_test = 1)"
    private static let fixedIndex = "letters INDEXED BY letters_fixed"

    /// The letters of one group: the table (and index) to read, a condition and its arguments.
    private static func condition(_ source: ForecastSource) -> (String, String, [any SQLBindable]) {
        switch source.kind {
        case .movable: ("letters", "\(own) AND possible_duplicate = 0 AND is_test = 0", [source.profileID])
        case .fixed: (fixedIndex, "\(fixed) AND profile_id = ?", [source.profileID])
        case .via(let reserveID):
            (
                "letters INDEXED BY letters_via", "status = 'queued' AND via_profile_id = ? AND profile_id = ?",
                [reserveID, source.profileID]
            )
        }
    }

    /// The letters of `condition`, of each class, due at `now` and by the moment they fall due.
    private func waiting(
        from table: String,
        _ condition: String,
        _ arguments: [any SQLBindable],
        now: Date
    ) throws
        -> WaitingQueue
    {
        var queue = WaitingQueue()
        for row in try db.rows(
            "SELECT priority, count(*) AS n FROM \(table) WHERE \(condition) AND next_attempt_at <= ? GROUP BY priority",
            arguments + [now]
        ) {
            queue[try row.bool("priority")].due = try row.int("n")
        }
        for row in try db.rows(
            """
            SELECT priority, next_attempt_at, count(*) AS n FROM \(table) WHERE \(condition) AND next_attempt_at > ?
            GROUP BY priority, next_attempt_at
            """,
            arguments + [now]
        ) {
            queue[try row.bool("priority")].later[try row.date("next_attempt_at")] = try row.int("n")
        }
        return queue
    }
}
