import ArgumentParser
import Foundation
import Runtime
import Secrets
import Storage

/// `mailrobot-admin token add NAME`: an API token for the shop's backend, printed once.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage API tokens of the shop's backend (POST /api/v1/messages).",
        subcommands: [Add.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print it once (only its digest is stored; list and revoke them in the panel)."
        )

        @OptionGroup var options: DataOptions

        @Argument(help: "A name to recognise the token by, such as the shop's host.")
        var name: String

        func validate() throws {
            guard TokenStore.isAcceptableName(name) else {
                throw ValidationError(
                    "the name must be 1-\(TokenStore.maxNameLength) characters without control characters"
                )
            }
        }

        func run() throws {
            let db = try options.directory.openDatabase()
            let token = RandomBytes.apiToken()
            guard try TokenStore(db).add(name: name, digest: TokenDigest.hex(token), now: Date()) else {
                throw RuntimeError("a token named \(name) already exists")
            }
            print(token)
        }
    }
}
