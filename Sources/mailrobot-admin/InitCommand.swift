import ArgumentParser
import Foundation
import Runtime
import Storage
import Web

/// `mailrobot-admin init`: the data folder, the schema and the secret key; idempotent.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract:
            "Create the data folder, the database schema, the secret key and the shipped events (safe to run again)."
    )

    @OptionGroup var options: DataOptions
    @OptionGroup var templates: TemplatesOptions

    func run() throws {
        let directory = options.directory
        let templatesFolder = try templates.resolve()
        let before =
            FileManager.default.fileExists(atPath: directory.databasePath)
            ? try Database(path: directory.databasePath, migrate: false).schemaVersion() : nil
        let created = try directory.initialise()
        _ = try directory.loadKey()
        let db = try directory.openDatabase()
        try ShippedEventsInstaller.install(from: templatesFolder, into: db, now: Date())
        if let before, before < Database.latestSchemaVersion {
            print("schema upgraded from \(before) to \(try db.schemaVersion())")
        }
        print(created.isEmpty ? "\(directory.path) is up to date" : "created " + created.joined(separator: ", "))
    }
}
