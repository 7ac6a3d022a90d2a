import ArgumentParser
import Foundation
import MailCore
import Runtime
import Sender

/// `mailrobot-send status`: per profile, the queue, the use of the limits and the state.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Per profile: letters queued, sent in 24 h against the limits, next possible send, state."
    )

    @OptionGroup var data: DataOptions

    func run() throws {
        let environment = try Environment(data)
        let statuses = try ProfileStatus.all(database: environment.db, now: Date())
        print(statuses.isEmpty ? "no profiles" : statuses.map(\.text).joined(separator: "\n"))
    }
}
