import ArgumentParser
import Runtime

/// `mailrobot-admin init`: the data folder, the schema and the secret key; idempotent.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the data folder, the database schema and the secret key (safe to run again)."
    )

    @OptionGroup var options: DataOptions

    func run() throws {
        let directory = options.directory
        let created = try directory.initialise()
        _ = try directory.loadKey()
        print(created.isEmpty ? "\(directory.path) is up to date" : "created " + created.joined(separator: ", "))
    }
}
