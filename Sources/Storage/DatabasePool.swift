import Synchronization

import class Foundation.NSLock

/// Connections for a multi-threaded server: each request borrows one and gives it back, so a
/// connection is only ever used by one thread at a time and its prepared statements are reused.
public final class DatabasePool: Sendable {
    public let path: String
    private let idle = Mutex<[Database]>([])
    /// One writer of this process at a time (see `Database.writeGate`).
    private let writeGate = NSLock()
    /// Writes of several threads in one transaction (see `Database.writeGrouped`).
    private let groupCommit = GroupCommit()

    /// Opens the database once (migrating it) and keeps that connection for reuse.
    public init(path: String) throws {
        self.path = path
        let first = try Database(path: path, migrate: true, writeGate: writeGate, groupCommit: groupCommit)
        idle.withLock { $0.append(first) }
    }

    /// Runs `body` with a connection of its own.
    public func withConnection<T>(_ body: (Database) throws -> T) throws -> T {
        let database =
            try idle.withLock { $0.popLast() }
            ?? Database(path: path, migrate: false, writeGate: writeGate, groupCommit: groupCommit)
        defer { idle.withLock { $0.append(database) } }
        return try body(database)
    }
}
