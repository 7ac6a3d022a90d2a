import ArgumentParser
import Foundation
import Runtime
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
        let created = try directory.initialise()
        _ = try directory.loadKey()
        try ShippedEventsInstaller.install(from: templatesFolder, into: directory.openDatabase(), now: Date())
        print(created.isEmpty ? "\(directory.path) is up to date" : "created " + created.joined(separator: ", "))
    }
}
