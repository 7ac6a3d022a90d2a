import ArgumentParser

/// `mailrobot-admin`: the panel's FastCGI server and the operator's commands.
struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailrobot-admin",
        abstract: "The mailrobot admin panel (FastCGI server) and operator commands.",
        subcommands: [
            InitCommand.self, UserCommand.self, TokenCommand.self, ServeCommand.self, BackupCommand.self,
            RestoreCommand.self, DoctorCommand.self,
        ]
    )
}
