internal import CSQLite
import Foundation

/// Backups of the live database through SQLite's online backup API, and restores from them.
///
/// A backup is one self-contained SQLite file (rollback journal, not WAL) holding a consistent
/// snapshot: every transaction committed before the copy began and none that committed after.
/// It is taken in one step, inside one read transaction, so writers of a WAL database (the panel,
/// the sender) keep working while it runs; copying `mailrobot.sqlite` without its `-wal` file is
/// not a backup. The secret key is not part of it (see `mailrobot-admin backup --help`).
/// - SeeAlso: https://sqlite.org/backup.html
public enum DatabaseBackup {
    /// How long a copy waits for a lock another connection holds (a checkpoint, a restore's
    /// destination in use) before it gives up.
    static let lockWait: Duration = .seconds(30)

    /// Writes a snapshot of `source` to `path`, mode 0600, replacing the file only once the copy
    /// is complete and checked (a crash leaves the old file or none, never half a backup).
    @discardableResult
    public static func write(_ source: Database, to path: String) throws(BackupProblem) -> BackupFacts {
        let partial = partialPath(for: path)
        unlink(partial)
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw .unwritable(path: path, reason: String(cString: strerror(errno))) }
        close(descriptor)
        do throws(BackupProblem) {
            let facts: BackupFacts
            do {
                let copy = try SQLiteFile(path: partial, readOnly: false)
                try Self.copy(from: source.handle, into: copy.handle, reporting: path)
                // A WAL source marks the copied header as WAL: make the file whole on its own.
                do {
                    _ = try copy.values("PRAGMA journal_mode = DELETE")
                } catch {
                    throw error.problem(path: path)
                }
                facts = try copy.facts(path: path)
            }
            try syncAndRename(partial, to: path)
            return facts
        } catch {
            unlink(partial)
            throw error
        }
    }

    /// Checks that `path` is a mailrobot backup this version can restore: SQLite's
    /// `integrity_check` passes and its schema version is one this version knows.
    public static func inspect(_ path: String) throws(BackupProblem) -> BackupFacts {
        try SQLiteFile(path: path, readOnly: true).facts(path: path)
    }

    /// Replaces everything in `destination` by the backup at `path`, in one transaction, after
    /// `inspect` passed; then brings an older schema up to date and ends every session (a session
    /// of the backup's time must not open again). Other connections wait, or see the old or the
    /// new database whole.
    @discardableResult
    public static func restore(_ path: String, into destination: Database) throws(BackupProblem) -> BackupFacts {
        let facts = try inspect(path)
        let backup = try SQLiteFile(path: path, readOnly: true)
        try copy(from: backup.handle, into: destination.handle, reporting: path)
        do {
            try Migrations.apply(to: destination)
            try destination.write { db in try db.execute("DELETE FROM sessions") }
        } catch {
            throw .failed(path: path, reason: "\(error)")
        }
        return facts
    }

    /// Copies every page of `source` into `destination` in one step, so the copy is one snapshot.
    private static func copy(
        from source: OpaquePointer,
        into destination: OpaquePointer,
        reporting path: String
    ) throws(BackupProblem) {
        guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
            throw .failed(path: path, reason: String(cString: sqlite3_errmsg(destination)))
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: lockWait)
        var code = sqlite3_backup_step(backup, -1)
        while code == SQLITE_BUSY || code == SQLITE_LOCKED, clock.now < deadline {
            usleep(50_000)
            code = sqlite3_backup_step(backup, -1)
        }
        let finished = sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE, finished == SQLITE_OK else {
            let reason =
                code == SQLITE_BUSY || code == SQLITE_LOCKED
                ? "the database stayed locked for \(lockWait)" : String(cString: sqlite3_errstr(code))
            throw .failed(path: path, reason: reason)
        }
    }

    /// Where the copy is written before it replaces `path`: beside it, so the rename is atomic.
    static func partialPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".partial").path
    }

    private static func syncAndRename(_ partial: String, to path: String) throws(BackupProblem) {
        let descriptor = open(partial, O_RDONLY)
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            if descriptor >= 0 { close(descriptor) }
            throw .unwritable(path: path, reason: String(cString: strerror(errno)))
        }
        close(descriptor)
        guard rename(partial, path) == 0 else {
            throw .unwritable(path: path, reason: String(cString: strerror(errno)))
        }
        let folder = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }
}

/// What a backup holds, for the operator and for the checks before a restore.
public struct BackupFacts: Sendable, Equatable {
    /// `PRAGMA user_version`: the migrations applied when the backup was taken.
    public let schemaVersion: Int
    public let letters: Int
    public let profiles: Int
    /// The file's size in bytes.
    public let bytes: Int
}

/// Why a backup could not be written, read or restored; each says what to do.
public enum BackupProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case notMailrobot(path: String)
    case damaged(path: String, firstProblem: String)
    case newerSchema(path: String, version: Int, known: Int)
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason):
            "cannot write \(path): \(reason)"
        case .notMailrobot(let path):
            "\(path) is not a mailrobot database backup"
        case .damaged(let path, let firstProblem):
            "\(path) is damaged (integrity_check: \(firstProblem)); use an older backup"
        case .newerSchema(let path, let version, let known):
            "\(path) was made by a newer mailrobot (schema \(version); this one knows up to \(known)): upgrade first"
        case .failed(let path, let reason):
            "copying \(path) failed: \(reason)"
        }
    }
}

extension Database {
    /// The schema version this build creates and migrates to.
    public static var latestSchemaVersion: Int { Migrations.latestVersion }

    /// `PRAGMA user_version`: the migrations applied to this database.
    public func schemaVersion() throws -> Int {
        Int(try integer("PRAGMA user_version"))
    }

    /// SQLite's `integrity_check`: nil when the database is sound, else its first finding.
    public func integrityProblem() throws -> String? {
        let finding = try row("PRAGMA integrity_check(1)")?[0]
        if case .text("ok") = finding { return nil }
        if case .text(let text) = finding { return text }
        return "no answer"
    }
}

/// A bare connection to a backup file: no WAL, no migrations, nothing written unless asked.
private final class SQLiteFile {
    let handle: OpaquePointer
    let path: String

    init(path: String, readOnly: Bool) throws(BackupProblem) {
        var handle: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        let code = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw .unreadable(path: path, reason: message)
        }
        self.handle = handle
        self.path = path
        sqlite3_busy_timeout(handle, Database.busyTimeoutMilliseconds)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Checks the file as a mailrobot database and counts what it holds.
    func facts(path reported: String) throws(BackupProblem) -> BackupFacts {
        let tables: Set<String>
        let check: String
        do {
            tables = Set(try values("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap(\.text))
            check = try values("PRAGMA integrity_check(1)").first?.text ?? "no answer"
        } catch {
            throw error.isNotADatabase ? .notMailrobot(path: reported) : error.problem(path: reported)
        }
        guard Self.requiredTables.isSubset(of: tables) else { throw .notMailrobot(path: reported) }
        guard check == "ok" else { throw .damaged(path: reported, firstProblem: check) }
        do {
            let version = Int(try values("PRAGMA user_version").first?.integerValue ?? 0)
            guard version <= Migrations.latestVersion else {
                throw BackupProblem.newerSchema(path: reported, version: version, known: Migrations.latestVersion)
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return BackupFacts(
                schemaVersion: version,
                letters: Int(try values("SELECT count(*) FROM letters").first?.integerValue ?? 0),
                profiles: Int(try values("SELECT count(*) FROM profiles").first?.integerValue ?? 0),
                bytes: size
            )
        } catch let problem as BackupProblem {
            throw problem
        } catch let error as SQLiteFailure {
            throw error.problem(path: reported)
        } catch {
            throw .failed(path: reported, reason: "\(error)")
        }
    }

    static let requiredTables: Set<String> = ["settings", "admins", "profiles", "letters", "events"]

    /// The first column of every row of `sql`.
    func values(_ sql: String) throws(SQLiteFailure) -> [SQLValue] {
        var statement: OpaquePointer?
        var code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        guard code == SQLITE_OK, let statement else { throw failure(code) }
        var found: [SQLValue] = []
        code = sqlite3_step(statement)
        while code == SQLITE_ROW {
            switch sqlite3_column_type(statement, 0) {
            case SQLITE_INTEGER: found.append(.integer(sqlite3_column_int64(statement, 0)))
            case SQLITE_TEXT: found.append(.text(String(cString: sqlite3_column_text(statement, 0))))
            default: found.append(.null)
            }
            code = sqlite3_step(statement)
        }
        guard code == SQLITE_DONE else { throw failure(code) }
        return found
    }

    private func failure(_ code: Int32) -> SQLiteFailure {
        // A damaged file's own bytes may be in the message: keep it one printable line.
        let message = String(cString: sqlite3_errmsg(handle)).unicodeScalars.prefix(200).map { scalar in
            scalar.properties.generalCategory == .control || scalar == "\u{FFFD}" ? "?" : Character(scalar)
        }
        return SQLiteFailure(code: code, message: String(message))
    }
}

/// A failed statement on a backup file.
private struct SQLiteFailure: Error {
    let code: Int32
    let message: String

    var isNotADatabase: Bool { code & 0xFF == SQLITE_NOTADB }

    func problem(path: String) -> BackupProblem {
        code & 0xFF == SQLITE_CORRUPT
            ? .damaged(path: path, firstProblem: message) : .unreadable(path: path, reason: message)
    }
}

extension SQLValue {
    fileprivate var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    fileprivate var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }
}
