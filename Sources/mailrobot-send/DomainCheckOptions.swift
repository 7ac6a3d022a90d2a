import ArgumentParser
import DNS
import MailCore
import Runtime
import Sender

/// The options of «Проверка домена», shared by `domain-check` and `test`.
struct DomainCheckOptions: ParsableArguments {
    @OptionGroup var resolver: ResolverOptions

    @Option(help: "DKIM selector to look for (default: the mail host's usual one, e.g. mailru, mail, google).")
    var dkimSelector: String?

    func validate() throws {
        if let dkimSelector, DNSName(dkimSelector) == nil {
            throw ValidationError("--dkim-selector: only Latin letters, digits, '-', '_' and '.', such as mail or s1")
        }
    }

    /// The findings for `profile`'s sender domain, through the system resolver (or the one given).
    func findings(for profile: Profile) -> [DomainFinding] {
        DomainCheck(resolver: SystemResolver(server: resolver.server))
            .run(profile: profile, dkimSelector: dkimSelector.flatMap(DNSName.init))
    }

    /// The findings as the terminal shows them: Russian, then English, then the record to add.
    static func text(_ findings: [DomainFinding], domain: DomainName) -> String {
        var lines = ["Проверка домена \(domain) / domain check of \(domain):"]
        for finding in findings {
            lines.append("\(finding.topic.title.ru): \(finding.level.label.ru) / \(finding.level.label.en)")
            lines.append("  " + finding.text.ru)
            lines.append("  " + finding.text.en)
            if let record = finding.record, !record.isEmpty {
                lines.append("  сейчас / published: \(record)")
            }
            if let fix = finding.fix {
                lines.append("  TXT-запись / TXT record: \(fix.name) (\(fix.host)) = \(fix.value)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
