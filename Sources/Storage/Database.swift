internal import CSQLite

import class Foundation.NSLock

/// One SQLite connection to the mailrobot database, in WAL mode with a busy timeout.
///
/// Owned by one thread at a time (a FastCGI worker, a sender run); `DatabasePool` hands
/// connections out. All writes go through `write`, which opens `BEGIN IMMEDIATE` so that a
/// read-then-write transaction never fails with `SQLITE_BUSY` halfway.
/// - SeeAlso: https://sqlite.org/c3ref/open.html
public final class Database: @unchecked Sendable {
    // @unchecked: a connection moves between threads through DatabasePool, which hands it to
    // one thread at a time. It is opened with SQLITE_OPEN_NOMUTEX, so that is the whole of its
    // safety: a connection must never be used by two threads at once.

    let handle: OpaquePointer
    private var statements: [String: Statement] = [:]
    private var transactionDepth = 0
    /// Whether commits currently wait for the disk (`PRAGMA synchronous` FULL rather than NORMAL).
    private var commitsAreSynced = true
    /// Shared by the connections of one `DatabasePool`: their writers queue here instead of in
    /// SQLite's busy handler, which sleeps 1, 2, 5 … 100 ms between tries.
    private let writeGate: NSLock?
    /// Shared by the connections of one `DatabasePool`, for `writeGrouped`.
    private let groupCommit: GroupCommit?
    /// Values worked out from the database, with the state they were worked out from
    /// (`remembered`).
    var memos: [String: Memo] = [:]

    /// How long a writer waits for another connection's lock before giving up.
    public static let busyTimeoutMilliseconds: Int32 = 10_000

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public convenience init(path: String, migrate: Bool = true) throws {
        try self.init(path: path, migrate: migrate, writeGate: nil, groupCommit: nil)
    }

    init(path: String, migrate: Bool, writeGate: NSLock?, groupCommit: GroupCommit?) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw DatabaseError(code: code, message: message, sql: nil)
        }
        self.handle = handle
        self.writeGate = writeGate
        self.groupCommit = groupCommit
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, Database.busyTimeoutMilliseconds)
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = FULL")
        try execute("PRAGMA foreign_keys = ON")
        try execute("PRAGMA journal_size_limit = 67108864")
        if migrate { try Migrations.apply(to: self) }
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs a statement that returns no rows of interest. Raw SQL stays inside Storage: other
    /// modules call the stores' typed methods.
    func execute(_ sql: String, _ arguments: [any SQLBindable] = []) throws {
        let statement = try prepared(sql)
        try statement.bind(arguments)
        defer { sqlite3_reset(statement.handle) }
        while try statement.step() {}
    }

    /// Runs a query and returns every row.
    func rows(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> [Row] {
        let statement = try prepared(sql)
        try statement.bind(arguments)
        return try statement.rows()
    }

    /// Runs a query and returns its first row, if any.
    func row(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Row? {
        let statement = try prepared(sql)
        try statement.bind(arguments)
        defer { sqlite3_reset(statement.handle) }
        return try statement.step() ? statement.currentRow() : nil
    }

    /// Calls `body` for each row without collecting them (large exports).
    func forEachRow(_ sql: String, _ arguments: [any SQLBindable] = [], _ body: (Row) throws -> Void) throws {
        let statement = try prepared(sql)
        try statement.bind(arguments)
        defer { sqlite3_reset(statement.handle) }
        while try statement.step() {
            try body(statement.currentRow())
        }
    }

    /// The first column of the first row as an integer (`count(*)`, a PRAGMA).
    /// - Throws: `RowError` when there is no row or the value is not an integer.
    func integer(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Int64 {
        guard let row = try row(sql, arguments) else { throw RowError.noRow }
        guard case .integer(let value) = row.values.first else {
            throw RowError.wrongType(column: "1", expected: "integer", found: row.values.first?.typeName ?? "nothing")
        }
        return value
    }

    /// The row id of the last successful INSERT on this connection.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE`): it commits when `body` returns and
    /// rolls back when it throws. A nested call joins the outer transaction.
    ///
    /// `synced: false` commits without waiting for the disk (`PRAGMA synchronous = NORMAL`): the
    /// change survives a killed process, and a power cut can only take it back together with
    /// the writes after it until the next synced commit. Only for records whose loss the
    /// recovery already handles. The setting changes only when it differs from the last write's,
    /// so a run of unsynced commits pays for no pragma.
    public func write<T>(synced: Bool = true, _ body: (Database) throws -> T) throws -> T {
        guard transactionDepth == 0 else { return try body(self) }
        writeGate?.lock()
        defer { writeGate?.unlock() }
        if synced != commitsAreSynced {
            try execute(synced ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
            commitsAreSynced = synced
        }
        return try transaction("BEGIN IMMEDIATE", body)
    }

    /// Like `write`, but on a pooled connection the body may share its transaction (and its disk
    /// sync) with the bodies of other threads, each in a savepoint of its own; see `GroupCommit`.
    /// For short, independent writes that many requests make at once (queuing a letter). The body
    /// must use the connection it is given, which may be another thread's.
    public func writeGrouped<T>(_ body: @escaping (Database) throws -> T) throws -> T {
        guard transactionDepth == 0, let groupCommit else { return try write(body) }
        return try groupCommit.run(on: self, body)
    }

    /// Runs `body` in a read transaction, so every query sees one snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try transaction("BEGIN DEFERRED", body)
    }

    private func transaction<T>(_ begin: String, _ body: (Database) throws -> T) throws -> T {
        if transactionDepth > 0 {
            return try body(self)
        }
        try execute(begin)
        transactionDepth = 1
        defer { transactionDepth = 0 }
        do {
            let result = try body(self)
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            forgetRemembered()
            throw error
        }
    }

    /// Settings for a connection that writes batches of letters (a sender run that has work):
    /// statement journals in memory instead of temporary files, a page cache that holds a large
    /// batch's letters (up to 64 MiB), and a checkpoint every 4,096 pages of log rather than
    /// every 1,000 (each costs two disk syncs; the run checkpoints at its end anyway).
    public func tuneForBatches() throws {
        try execute("PRAGMA temp_store = MEMORY")
        try execute("PRAGMA cache_size = -65536")
        try execute("PRAGMA wal_autocheckpoint = 4096")
    }

    /// Copies what the WAL holds into the main file and trims the WAL (end of a sender run).
    public func checkpoint() {
        sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
    }

    private func prepared(_ sql: String) throws -> Statement {
        if let statement = statements[sql] { return statement }
        let statement = try Statement(database: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    func check(_ code: Int32, sql: String?) throws {
        guard code == SQLITE_OK else { throw error(code, sql: sql) }
    }

    func error(_ code: Int32, sql: String?) -> DatabaseError {
        DatabaseError(
            code: sqlite3_extended_errcode(handle),
            message: String(cString: sqlite3_errmsg(handle)),
            sql: sql
        )
    }
}

extension Database {
    /// Runs several statements separated by semicolons (schema scripts; no arguments).
    func executeScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "error"
            sqlite3_free(message)
            throw DatabaseError(code: code, message: text, sql: "migration")
        }
    }
}
