import ArgumentParser
import Foundation
import Runtime
import Secrets
import Storage

/// `mailrobot-admin user add|passwd NAME`: administrators of the panel.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the panel's administrators.",
        subcommands: [Add.self, Passwd.self]
    )

    /// Options shared by both sub-commands.
    struct Account: ParsableArguments {
        @OptionGroup var options: DataOptions

        @Argument(help: "The administrator's login name.")
        var name: String

        @Flag(name: .long, help: "Read the password from standard input (one line) instead of asking.")
        var passwordStdin = false

        func validate() throws {
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._@-"))
            guard !name.isEmpty, name.count <= 64, name.unicodeScalars.allSatisfy(allowed.contains) else {
                throw ValidationError("the name must be 1-64 letters, digits, '.', '_', '@' or '-'")
            }
        }

        /// The hash of the password the operator gives.
        func passwordHash() throws -> String {
            try PasswordHasher().hash(PasswordPrompt.read(fromStandardInput: passwordStdin))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an administrator.")

        @OptionGroup var account: Account

        func run() throws {
            let db = try account.options.directory.openDatabase()
            guard try AdminStore(db).add(name: account.name, passwordHash: account.passwordHash(), now: Date()) else {
                throw RuntimeError(
                    "administrator \(account.name) already exists; use `user passwd` to change the password"
                )
            }
            print("administrator \(account.name) added")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an administrator's password (ends their sessions)."
        )

        @OptionGroup var account: Account

        func run() throws {
            let db = try account.options.directory.openDatabase()
            guard try AdminStore(db).find(name: account.name) != nil else {
                throw RuntimeError("no administrator named \(account.name)")
            }
            _ = try AdminStore(db).setPassword(name: account.name, passwordHash: account.passwordHash(), now: Date())
            print("password of \(account.name) changed")
        }
    }
}
