import ArgumentParser
import Foundation
import Runtime
import Storage

/// `mailrobot-admin restore FILE`: the database brought back from a backup.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database by a backup written by `backup` (stop the panel first).",
        discussion: """
            FILE must pass SQLite's integrity_check and hold a schema this version knows; an older \
            schema is brought up to date. The replacement is one transaction, and every session ends. \
            The SMTP passwords open only with the secret key of the data folder the backup came from: \
            put that secret.key back first, or type the passwords again in each profile afterwards.
            """
    )

    @OptionGroup var data: DataOptions

    @Option(help: "The panel's socket, checked to be silent. Default: DATA/mailrobot.sock")
    var socket: String?

    @Argument(help: "A file written by `mailrobot-admin backup`.")
    var file: String

    func run() throws {
        let directory = data.directory
        let facts: BackupFacts
        do {
            facts = try DatabaseBackup.inspect(file)
        } catch {
            throw RuntimeError(error.description)
        }
        let socketPath = socket ?? directory.defaultSocketPath
        guard !SocketProbe.answers(unixPath: socketPath) else {
            throw RuntimeError(
                "the panel is running (it answers on \(socketPath)): stop it first (systemctl stop mailrobot-admin)"
            )
        }
        let madeKey = try directory.initialise().contains(directory.keyPath)
        let db = try directory.openDatabase()
        let before = try db.schemaVersion()
        do {
            try DatabaseBackup.restore(file, into: db)
        } catch {
            throw RuntimeError(error.description)
        }
        print(
            "restored \(file): \(facts.letters) letters, \(facts.profiles) profiles, schema \(facts.schemaVersion)"
                + (facts.schemaVersion < before ? " brought up to \(try db.schemaVersion())" : "")
                + "; every session ended"
        )
        if madeKey {
            print(
                "a new secret key was made at \(directory.keyPath): put back the backup's secret.key, "
                    + "or type each profile's SMTP password again"
            )
        }
    }
}
