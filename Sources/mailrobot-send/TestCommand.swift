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
        abstract: "Send a test letter through a profile now and say what happened (exit 0 on success).",
        discussion: """
            After the letter's outcome, the profile's sender domain is checked in DNS as `domain-check` \
            does (SPF, DKIM, DMARC); its findings do not change the exit code. --no-domain-check skips it.
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var transport: TransportOptions
    @OptionGroup var domain: DomainCheckOptions
    @Option(help: "The profile's name.") var profile: String
    @Option(help: "Where the test letter goes.") var to: String
    @Flag(help: "Do not check the sender domain in DNS after the letter.") var noDomainCheck = false

    func run() throws {
        let environment = try Environment(data)
        guard let stored = try ProfileStore(environment.db).find(name: profile) else {
            throw RuntimeError("no profile named \(profile)")
        }
        let outcome = try ProfileCheck(environment.sender(transport, clock: SystemClock())).run(profile: stored, to: to)
        var failed = false
        switch outcome.result {
        case .sent(let reply):
            print("sent: the server answered \(reply)")
        case .failed(let failure, let hint):
            let shown = failure.outcomeText
            print("failed at \(failure.step.rawValue): \(shown.text(.en))")
            if !shown.isServerReply { print("ошибка: \(shown.text(.ru))") }
            print("hint: \(hint.text(.en))")
            print("подсказка: \(hint.text(.ru))")
            if !outcome.transcript.lines.isEmpty { print("dialogue:\n" + outcome.transcript.text) }
            failed = true
        case .badAddress(let reason), .refused(let reason):
            throw RuntimeError(reason.en)
        }
        if !noDomainCheck {
            print("\n" + DomainCheckOptions.text(domain.findings(for: stored), domain: stored.senderEmail.domain))
        }
        if failed { throw ExitCode(1) }
    }
}
