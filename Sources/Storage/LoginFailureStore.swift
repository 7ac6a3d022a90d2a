public import struct Foundation.Date

/// Failed logins counted per subject (an account name or a client address), for slowing
/// down password guessing. Every statement runs inside the login's write transaction, so each
/// finds its rows through an index (the primary key, or `login_failures_last` for the expiry
/// scan), never by reading the whole table.
public struct LoginFailureStore {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    static let failuresSQL = "SELECT failures, last_failure_at FROM login_failures WHERE subject = ?"
    static let recordSQL = """
        INSERT INTO login_failures (subject, failures, last_failure_at) VALUES (?, ?, ?)
        ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at
        """
    static let forgetSQL = "DELETE FROM login_failures WHERE last_failure_at < ?"
    static let clearSQL = "DELETE FROM login_failures WHERE subject = ?"

    /// The failures recorded for `subject` and when the last one happened.
    public func failures(of subject: String) throws -> (count: Int, last: Date)? {
        try db.row(Self.failuresSQL, [subject]).map {
            (try $0.int("failures"), try $0.date("last_failure_at"))
        }
    }

    /// Sets the count for `subject` (the policy decides whether old failures were forgiven).
    public func record(_ subject: String, count: Int, at now: Date) throws {
        try db.execute(Self.recordSQL, [subject, count, now])
    }

    /// Drops the counts whose last attempt is older than `date`.
    public func forget(before date: Date) throws {
        try db.execute(Self.forgetSQL, [date])
    }

    public func clear(_ subject: String) throws {
        try db.execute(Self.clearSQL, [subject])
    }
}
