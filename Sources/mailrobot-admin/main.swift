import Foundation
import Runtime

// libcurl runs with NOSIGNAL («Проверка профиля»), so a peer closing a socket must not kill the server.
signal(SIGPIPE, SIG_IGN)
CommandRunner.main(AdminCommand.self)
