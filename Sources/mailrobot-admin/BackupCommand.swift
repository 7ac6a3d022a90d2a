import ArgumentParser
import Foundation
import Runtime
import Storage

/// `mailrobot-admin backup FILE`: a consistent copy of the live database.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the database to FILE; the panel and the sender may keep running.",
        discussion: """
            The copy is SQLite's online backup (one snapshot: every letter committed before it began), \
            a single file of mode 0600 that replaces FILE only once it is complete and checked. \
            The secret key (DATA/secret.key) is not in it: keep a copy of the key apart from the backups. \
            A backup restored without its key brings back everything but the profiles' SMTP passwords, \
            which must then be typed again.
            """
    )

    @OptionGroup var data: DataOptions

    @Argument(help: "The file to write (replaced if it exists).")
    var file: String

    func validate() throws {
        guard !file.isEmpty else { throw ValidationError("FILE must name a file") }
    }

    func run() throws {
        let db = try data.directory.openDatabase()
        let facts: BackupFacts
        do {
            facts = try DatabaseBackup.write(db, to: file)
        } catch {
            throw RuntimeError(error.description)
        }
        print(
            "backup written to \(file): \(facts.letters) letters, \(facts.profiles) profiles, "
                + "schema \(facts.schemaVersion), \(facts.bytes) bytes (the secret key is not in it)"
        )
    }
}
