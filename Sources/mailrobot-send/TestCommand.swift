import ArgumentParser
import Foundation
import MailCore
import Runtime
import Sender
import Storage

/// `mailrobot-send test`: «Проверка профиля» from a shell.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a test letter through a profile now and say what happened (exit 0 on success)."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var transport: TransportOptions
    @Option(help: "The profile's name.") var profile: String
    @Option(help: "Where the test letter goes.") var to: String

    func run() throws {
        let environment = try Environment(data)
        guard let stored = try ProfileStore(environment.db).find(name: profile) else {
            throw RuntimeError("no profile named \(profile)")
        }
        let outcome = try ProfileCheck(environment.sender(transport, clock: SystemClock())).run(profile: stored, to: to)
        switch outcome.result {
        case .sent(let reply):
            print("sent: the server answered \(reply)")
        case .failed(let failure, let hint):
            print("failed at \(failure.step.rawValue): \(failure.summary)")
            print("hint: \(hint.text(.en))")
            print("подсказка: \(hint.text(.ru))")
            if !outcome.transcript.lines.isEmpty { print("dialogue:\n" + outcome.transcript.text) }
            throw ExitCode(1)
        case .badAddress(let reason), .refused(let reason):
            throw RuntimeError(reason.en)
        }
    }
}
