import class Foundation.NSLock

/// Connections for a multi-threaded server: each request borrows one and gives it back, so a
/// connection is only ever used by one thread at a time and its prepared statements are reused.
///
/// `@unchecked Sendable`: `idle` is touched only with `idleLock` held. An `NSLock` (a pthread
/// mutex) rather than `Synchronization.Mutex`: on Linux a contended `Mutex` is handed over inside
/// the kernel (PI futex, from an uninstrumented library), so ThreadSanitizer (`make tsan`) cannot
/// see it and reports races that are not there; it does see pthread mutexes.
public final class DatabasePool: @unchecked Sendable {
    public let path: String
    private let idleLock = NSLock()
    private var idle: [Database] = []
    /// One writer of this process at a time (see `Database.writeGate`).
    private let writeGate = NSLock()
    /// Writes of several threads in one transaction (see `Database.writeGrouped`).
    private let groupCommit = GroupCommit()

    /// Opens the database once (migrating it) and keeps that connection for reuse.
    public init(path: String) throws {
        self.path = path
        let first = try Database(path: path, migrate: true, writeGate: writeGate, groupCommit: groupCommit)
        idle.append(first)
    }

    /// Runs `body` with a connection of its own.
    public func withConnection<T>(_ body: (Database) throws -> T) throws -> T {
        let database =
            try idleLock.withLock { idle.popLast() }
            ?? Database(path: path, migrate: false, writeGate: writeGate, groupCommit: groupCommit)
        defer { idleLock.withLock { idle.append(database) } }
        return try body(database)
    }
}
