import Foundation
import HTTPCore
import MailCore
import Sender
import Storage
import Templating

/// «Проверка профиля»: the admin types an address, the robot sends a test letter at once and
/// the page shows what happened, where it failed and what to do; beside it, «Проверка домена»:
/// what the sender domain publishes in DNS (SPF, DKIM, DMARC) and what to add.
enum ProfileCheckController {
    static func show(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        guard let profile = try ProfileStore(context.db).find(id: id) else { return context.notFound() }
        return context.render(ProfileCheckPage(context, profile, address: profile.senderEmail.address))
    }

    static func run(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        guard let profile = try ProfileStore(context.db).find(id: id) else { return context.notFound() }
        let address = context.form["to"] ?? ""
        let selector = (context.form["dkim_selector"] ?? "").trimmingCharacters(in: .whitespaces)
        let dkimSelector = selector.isEmpty ? nil : DNSName(selector)
        if !selector.isEmpty && dkimSelector == nil {
            // Nothing is sent while a field of the form is wrong.
            var page = ProfileCheckPage(context, profile, address: address)
            page.dkimSelector = selector
            page.dkimSelectorError = context.strings.text(.checkDkimSelectorInvalid)
            return context.render(page, status: .unprocessableContent)
        }
        let services = context.services
        let setup = SenderSetup(
            database: context.db,
            transport: services.transport,
            sealer: services.sealer,
            clock: services.clock,
            locksFolder: services.locksFolder,
            logger: services.logger
        )
        let outcome = try ProfileCheck(setup).run(profile: profile, to: address, language: context.language)
        var page = ProfileCheckPage(context, profile, address: address)
        page.dkimSelector = selector
        var status = HTTPStatus.ok
        switch outcome.result {
        case .sent(let reply):
            page.success = .init(reply: reply.description, warnings: outcome.warnings.map { $0(context.language) })
        case .failed(let failure, let hint):
            let outcome = failure.outcomeText
            page.failure = .init(
                step: context.strings.text(.step(failure.step)),
                label: outcome.label(context.language),
                outcome: outcome.text(context.language),
                isServerReply: outcome.isServerReply,
                hint: hint.text(context.language)
            )
        case .badAddress(let problem):
            page.toError = problem(context.language)
            status = .unprocessableContent
        case .refused(let reason):
            page.refused = reason(context.language)
            status = .unprocessableContent
        }
        if !outcome.transcript.lines.isEmpty { page.transcript = outcome.transcript.text }
        let findings = DomainCheck(resolver: services.resolver).run(profile: profile, dkimSelector: dkimSelector)
        page.domain = ProfileCheckPage.Domain(profile.senderEmail.domain, findings, language: context.language)
        context.logger.info("profile checked", metadata: ["profile.id": "\(id)", "result": "\(outcome.result.kind)"])
        return context.render(page, status: status)
    }
}

extension ProfileCheck.Outcome.Result {
    var kind: String {
        switch self {
        case .sent: "sent"
        case .failed: "failed"
        case .badAddress: "bad_address"
        case .refused: "refused"
        }
    }
}

/// The check page: the profile, the address to send to, and the outcome of a check.
struct ProfileCheckPage: PageModel {
    struct Profile: TemplateModel {
        let id: Int64
        /// The name in the language's quotation marks.
        let quotedName: String
        let host: String
        let port: Int
        let security: String
        let login: String

        static let templateFields: TemplateFields<Self> = [
            "id": .number(\.id), "quoted_name": .text(\.quotedName), "host": .text(\.host), "port": .number(\.port),
            "security": .text(\.security), "login": .text(\.login),
        ]
    }

    struct Success: TemplateModel {
        let reply: String
        /// What the dialogue showed about the login (no `AUTH` offered, no encryption).
        let warnings: [String]
        static let templateFields: TemplateFields<Self> = [
            "reply": .text(\.reply), "warnings": .list(\.warnings), "has_warnings": .flag { !$0.warnings.isEmpty },
        ]
    }

    struct Failure: TemplateModel {
        let step: String
        /// «Ответ сервера» for a real SMTP reply, «Ошибка» for the program's words.
        let label: String
        /// The reply as the server wrote it, or what happened in the page's language (libcurl's
        /// English stays in the dialogue).
        let outcome: String
        let isServerReply: Bool
        let hint: String

        static let templateFields: TemplateFields<Self> = [
            "step": .text(\.step), "label": .text(\.label), "outcome": .text(\.outcome),
            "is_server_reply": .flag(\.isServerReply), "hint": .text(\.hint),
        ]
    }

    let profile: Profile
    /// The address as typed.
    let to: String
    var toError: String?
    var success: Success?
    var failure: Failure?
    var refused: String?
    /// The SMTP dialogue, the password masked.
    var transcript: String?
    /// The DKIM selector as typed (empty: the provider's usual one).
    var dkimSelector = ""
    var dkimSelectorError: String?
    /// «Проверка домена», once a check ran.
    var domain: Domain?

    init(_ context: RequestContext, _ profile: MailCore.Profile, address: String) {
        self.profile = Profile(
            id: profile.id,
            quotedName: context.strings.text(.quoted(name: profile.name)),
            host: profile.host,
            port: profile.port,
            security: ProfileListController.securityLabel(context, profile.security),
            login: profile.login
        )
        to = address
    }

    static let template = "profile_check"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.profileCheck }
    static let templateFields: TemplateFields<Self> = [
        "profile": .object(\.profile), "to": .text(\.to), "to_error": .optionalText(\.toError),
        "success": .optionalObject(\.success), "failure": .optionalObject(\.failure),
        "refused": .optionalText(\.refused), "transcript": .optionalText(\.transcript),
        "dkim_selector": .text(\.dkimSelector), "dkim_selector_error": .optionalText(\.dkimSelectorError),
        "domain": .optionalObject(\.domain),
    ]
}

extension ProfileCheckPage {
    /// «Проверка домена»: the sender domain and each finding in the reader's language.
    struct Domain: TemplateModel {
        struct Finding: TemplateModel {
            let topic: String
            let title: String
            /// `ok`, `warning`, `problem`, `notChecked`: the finding's class on the page.
            let level: String
            let levelText: String
            let text: String
            let record: String?
            let fix: Fix?

            static let templateFields: TemplateFields<Self> = [
                "topic": .text(\.topic), "title": .text(\.title), "level": .text(\.level),
                "level_text": .text(\.levelText), "text": .text(\.text), "record": .optionalText(\.record),
                "fix": .optionalObject(\.fix),
            ]
        }

        /// The TXT record to publish: its name as DNS panels ask for it, and its value.
        struct Fix: TemplateModel {
            let host: String
            let name: String
            let value: String

            static let templateFields: TemplateFields<Self> = [
                "host": .text(\.host), "name": .text(\.name), "value": .text(\.value),
            ]
        }

        let name: String
        let findings: [Finding]

        init(_ domain: DomainName, _ findings: [DomainFinding], language: Language) {
            name = domain.ascii
            self.findings = findings.map { finding in
                Finding(
                    topic: finding.topic.rawValue,
                    title: finding.topic.title(language),
                    level: finding.level.rawValue,
                    levelText: finding.level.label(language),
                    text: finding.text(language),
                    record: finding.record,
                    fix: finding.fix.map { Fix(host: $0.host, name: $0.name.text, value: $0.value) }
                )
            }
        }

        static let templateFields: TemplateFields<Self> = ["name": .text(\.name), "findings": .list(\.findings)]
    }
}
