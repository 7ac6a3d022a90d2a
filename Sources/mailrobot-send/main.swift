import Foundation
import Runtime

// libcurl runs with NOSIGNAL, so a peer closing a socket must not kill the process.
signal(SIGPIPE, SIG_IGN)
IdleRun.exitIfNothingDue(CommandLine.arguments)
CommandRunner.main(SendCommand.self)
