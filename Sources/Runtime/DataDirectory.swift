public import Foundation
public import Secrets
public import Storage

/// The data folder (`--data DIR`, env `MAILROBOT_DATA`, default `./data`): the database, the
/// secret key and the FastCGI socket live there.
public struct DataDirectory: Sendable {
    public let path: String

    public var databasePath: String { path + "/mailrobot.sqlite" }
    public var keyPath: String { path + "/secret.key" }
    public var defaultSocketPath: String { path + "/mailrobot.sock" }
    public var locksPath: String { path + "/locks" }

    /// Resolves the folder from the option, then the environment, then `./data`.
    public init(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let chosen = option ?? environment["MAILROBOT_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "data"
        path = chosen.count > 1 && chosen.hasSuffix("/") ? String(chosen.dropLast()) : chosen
    }

    /// Creates the folder (0750), the secret key (0600) and the schema; safe to run again.
    /// Returns what it created, for the operator.
    @discardableResult
    public func initialise() throws -> [String] {
        var created: [String] = []
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            try FileManager.default.createDirectory(
                atPath: path,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o750]
            )
            created.append(path)
        } else if !isFolder.boolValue {
            throw RuntimeError("\(path) exists and is not a folder")
        }
        if try SecretKey.create(at: keyPath) { created.append(keyPath) }
        let existed = FileManager.default.fileExists(atPath: databasePath)
        _ = try Database(path: databasePath)
        chmod(databasePath, 0o600)
        if !existed { created.append(databasePath) }
        return created
    }

    /// The secret key; refuses a missing or unsafe key file with a one-line reason.
    public func loadKey() throws -> SecretKey {
        do {
            return try SecretKey.load(from: keyPath)
        } catch {
            throw RuntimeError(error.description)
        }
    }

    /// Opens the database, which must have been initialised (`mailrobot-admin init`).
    public func openDatabase() throws -> Database {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw RuntimeError("no database at \(databasePath); run `mailrobot-admin init --data \(path)` first")
        }
        return try Database(path: databasePath)
    }

    /// A connection pool over the database, for the multi-threaded server.
    public func openPool() throws -> DatabasePool {
        _ = try openDatabase()
        return try DatabasePool(path: databasePath)
    }
}

/// A failure an operator can act on, printed as one line.
public struct RuntimeError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
