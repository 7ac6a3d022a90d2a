public import struct Foundation.Date

/// What runs and checks record about a profile: broken logins, pauses, the last regular batch,
/// the last success and failure.
extension ProfileStore {
    /// The mail host refused the login: runs skip the profile until it is edited or checked.
    public func markBroken(id: Int64, reply: String, now: Date) throws {
        try db.execute(
            "UPDATE profiles SET state = 'broken', state_reply = ?, state_since = ?, paused_until = NULL WHERE id = ?",
            [reply, now, id]
        )
    }

    /// The mail host reported a limit: runs skip the profile until `until`.
    public func pause(id: Int64, until: Date, reply: String, now: Date) throws {
        try db.execute(
            """
            UPDATE profiles SET state = 'paused', state_reply = ?, state_since = ?, paused_until = ?
            WHERE id = ? AND state <> 'broken'
            """,
            [reply, now, until, id]
        )
    }

    /// A successful «Проверка профиля»: a profile broken by a refused login works again. A pause
    /// after a quota or anti-spam reply stays: one letter getting through does not lift the
    /// provider's 24 hours.
    public func clearBroken(id: Int64) throws {
        try db.execute(
            "UPDATE profiles SET state = 'ok', state_reply = '', state_since = NULL WHERE id = ? AND state = 'broken'",
            [id]
        )
    }

    /// A check's or a run's letter went through the profile at `at`.
    public func recordSuccess(id: Int64, at: Date) throws {
        try db.execute(
            "UPDATE profiles SET last_success_at = max(coalesce(last_success_at, 0), ?) WHERE id = ?",
            [at, id]
        )
    }

    /// A check or a run failed at `at` for the profile's own reasons; `failure` is the failure as
    /// the journal records it.
    public func recordFailure(id: Int64, failure: String, at: Date) throws {
        try db.execute("UPDATE profiles SET last_failure = ?, last_failure_at = ? WHERE id = ?", [failure, at, id])
    }

    /// When the last batch of regular letters started (for the interval), if ever.
    public func lastRegularBatch(id: Int64) throws -> Date? {
        try db.row("SELECT last_regular_batch_at FROM profiles WHERE id = ?", [id]).flatMap {
            try $0.optionalDate("last_regular_batch_at")
        }
    }

    public func recordRegularBatch(id: Int64, at now: Date) throws {
        try db.execute("UPDATE profiles SET last_regular_batch_at = ? WHERE id = ?", [now, id])
    }
}
