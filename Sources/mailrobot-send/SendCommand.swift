import ArgumentParser

/// `mailrobot-send`: what cron runs every minute, and the shop's command-line way in.
struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailrobot-send",
        abstract: "Send queued letters within each profile's limits (cron runs `run` every minute).",
        subcommands: [
            RunCommand.self, EnqueueCommand.self, TestCommand.self, StatusCommand.self, DomainCheckCommand.self,
        ]
    )
}
