import Foundation
import Runtime

// libcurl runs with NOSIGNAL, so a peer closing a socket must not kill the process.
signal(SIGPIPE, SIG_IGN)
CommandRunner.main(SendCommand.self)
