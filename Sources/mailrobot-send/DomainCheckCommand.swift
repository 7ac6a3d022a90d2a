import ArgumentParser
import Foundation
import MailCore
import Runtime
import Storage

/// `mailrobot-send domain-check`: «Проверка домена» from a shell, without sending anything.
struct DomainCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domain-check",
        abstract: "Check the profile's sender domain in DNS (SPF, DKIM, DMARC) and say what to add. Sends nothing.",
        discussion: """
            Each finding is ok, a warning, a problem, or «could not check» (DNS did not answer: not a \
            fault of the domain). Exit 0 when no finding is a problem, 1 otherwise. The whole check \
            takes at most about 20 s. MAILROBOT_DNS_SERVER=ADDRESS[:PORT] (or --dns-server) asks that \
            DNS server instead of those in /etc/resolv.conf.
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var check: DomainCheckOptions
    @Option(help: "The profile's name.") var profile: String

    func run() throws {
        let environment = try Environment(data)
        guard let stored = try ProfileStore(environment.db).find(name: profile) else {
            throw RuntimeError("no profile named \(profile)")
        }
        let findings = check.findings(for: stored)
        print(DomainCheckOptions.text(findings, domain: stored.senderEmail.domain))
        if findings.contains(where: { $0.level == .problem }) { throw ExitCode(1) }
    }
}
