internal import CSQLite

/// An SQLite failure. The description shows the statement, never the bound values, so a
/// password or an address never reaches a log through it.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE` …).
    public let code: Int32
    public let message: String
    public let sql: String?

    /// A UNIQUE constraint refused the write (a duplicate name, idempotency key …).
    public var isUniqueViolation: Bool { code == Self.constraintUnique || code == Self.constraintPrimaryKey }

    // Extended codes are macros built with `|` and `<<`, which Swift does not import.
    static let constraintUnique = SQLITE_CONSTRAINT | (8 << 8)
    static let constraintPrimaryKey = SQLITE_CONSTRAINT | (6 << 8)

    public var description: String {
        if let sql { return "SQLite error \(code): \(message) (in: \(sql))" }
        return "SQLite error \(code): \(message)"
    }
}
