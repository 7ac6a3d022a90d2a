import Foundation
import HTTPCore
import MailCore
import Storage
import Templating

/// The admin's actions on letters: retry a failed letter now, cancel a queued one, retry every
/// failed letter of a profile. Each asks first on a page of its own (GET, works without
/// JavaScript), then acts on a POST that carries the CSRF token, and comes back with a message.
enum JournalActionsController {
    /// What an action on one letter is called on the page and which state it applies to.
    enum Kind: String {
        case retry
        case cancel

        var appliesTo: LetterStatus { self == .retry ? .failed : .queued }
        var path: Path { self == .retry ? .retryLetter : .cancelLetter }
    }

    static func confirmRetry(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        try confirm(context, id: id, .retry)
    }

    static func retry(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        try act(context, id: id, .retry)
    }

    static func confirmCancel(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        try confirm(context, id: id, .cancel)
    }

    static func cancel(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        try act(context, id: id, .cancel)
    }

    private static func confirm(_ context: RequestContext, id: Int64, _ kind: Kind) throws -> HTTPResponse {
        guard let letter = try OutboxStore(context.db).find(id: id) else { return context.notFound() }
        let times = try TimeFormat(settings: SettingsStore(context.db))
        let table = JournalController.journalTable(context, times, [])
        var page = JournalConfirmPage(
            title: context.text("journal_confirm_\(kind.rawValue)_title"),
            back: Path.letter.link(id: id)
        )
        page.letter = .init(
            id: letter.id,
            to: letter.toAddress,
            subject: letter.subject,
            status: table.statusText(letter.status, possibleDuplicate: letter.possibleDuplicate),
            created: times.string(letter.createdAt)
        )
        if letter.status == kind.appliesTo {
            page.question = context.text("journal_confirm_\(kind.rawValue)_question")
            page.form = .init(
                action: kind.path.link(id: id),
                button: context.text("journal_action_\(kind.rawValue)"),
                isDanger: kind == .cancel
            )
        } else {
            page.refusal = context.text("journal_refused_\(kind.rawValue)_\(letter.status.rawValue)")
        }
        return context.render(page)
    }

    private static func act(_ context: RequestContext, id: Int64, _ kind: Kind) throws -> HTTPResponse {
        let store = JournalStore(context.db)
        let change =
            kind == .retry ? try store.retryNow(id: id, now: context.now) : try store.cancel(id: id, now: context.now)
        switch change {
        case .done:
            context.logger.info(
                "letter changed by an admin",
                metadata: ["letter.id": "\(id)", "action": "\(kind.rawValue)"]
            )
            return .redirect(
                to: Path.letter.link(id: id, query: [("done", kind == .retry ? "retried" : "cancelled")])
            )
        case .notFound:
            return context.notFound()
        case .refused(let current):
            return .redirect(to: Path.letter.link(id: id, query: [("done", "\(kind.rawValue)_\(current.rawValue)")]))
        }
    }

    static func confirmRetryFailed(_ context: RequestContext, profileID: Int64) throws -> HTTPResponse {
        guard let profile = try ProfileStore(context.db).find(id: profileID) else { return context.notFound() }
        let failed = try JournalStore(context.db).failedCount(profileID: profileID)
        var page = JournalConfirmPage(
            title: context.text("journal_confirm_retry_failed_title"),
            back: Path.journal.link(query: [("profile", String(profileID)), ("status", "failed")])
        )
        page.profile = .init(name: profile.name)
        if failed > 0 {
            page.question = context.text("journal_confirm_retry_failed_question")
                .replacingOccurrences(of: "{count}", with: String(failed))
                .replacingOccurrences(of: "{profile}", with: profile.name)
            page.form = .init(
                action: Path.retryFailed.link(id: profileID),
                button: context.text("journal_action_retry_failed"),
                isDanger: false
            )
        } else {
            page.refusal = context.text("journal_refused_retry_failed_none")
        }
        return context.render(page)
    }

    static func retryFailed(_ context: RequestContext, profileID: Int64) throws -> HTTPResponse {
        guard try ProfileStore(context.db).find(id: profileID) != nil else { return context.notFound() }
        let count = try JournalStore(context.db).retryFailed(profileID: profileID, now: context.now)
        context.logger.info(
            "failed letters requeued",
            metadata: ["profile.id": "\(profileID)", "count": "\(count)"]
        )
        return .redirect(
            to: Path.journal.link(query: [
                ("profile", String(profileID)), ("status", "queued"), ("done", "requeued"), ("count", String(count)),
            ])
        )
    }
}

/// «Повторить отправку?», «Отменить письмо?», «Повторить все письма с ошибкой?»: what the action
/// applies to, and the question with its button, or why it does not apply.
struct JournalConfirmPage: PageModel {
    struct Letter: TemplateModel {
        let id: Int64
        let to: String
        let subject: String
        let status: String
        let created: String

        static let templateFields: TemplateFields<Self> = [
            "id": .number(\.id), "to": .text(\.to), "subject": .text(\.subject), "status": .text(\.status),
            "created": .text(\.created),
        ]
    }

    struct Profile: TemplateModel {
        let name: String
        static let templateFields: TemplateFields<Self> = ["name": .text(\.name)]
    }

    struct Form: TemplateModel {
        let action: String
        let button: String
        let isDanger: Bool

        static let templateFields: TemplateFields<Self> = [
            "action": .text(\.action), "button": .text(\.button), "danger": .flag(\.isDanger),
        ]
    }

    let title: String
    /// Where «Назад» and «Отмена» lead.
    let back: String
    var letter: Letter?
    var profile: Profile?
    var question: String?
    var form: Form?
    var refusal: String?

    static let template = "journal_confirm"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.journalConfirm }
    static let templateFields: TemplateFields<Self> = [
        "title": .text(\.title), "back": .text(\.back), "letter": .optionalObject(\.letter),
        "profile": .optionalObject(\.profile), "question": .optionalText(\.question), "form": .optionalObject(\.form),
        "refusal": .optionalText(\.refusal),
    ]
}
