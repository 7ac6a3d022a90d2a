import Runtime

CommandRunner.main(AdminCommand.self)
