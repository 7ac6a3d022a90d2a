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

        var path: Path { self == .retry ? .retryLetter : .cancelLetter }
        var title: TextKey { self == .retry ? .journalConfirmRetryTitle : .journalConfirmCancelTitle }

        /// Why the action does not apply to a letter in `status` (nil when it does).
        func refusal(_ status: LetterStatus) -> TextKey? {
            switch (self, status) {
            case (.retry, .failed), (.retry, .queued), (.cancel, .queued): nil
            case (.retry, .sending): .journalRefusedRetrySending
            case (.retry, .sent): .journalRefusedRetrySent
            case (.retry, .cancelled): .journalRefusedRetryCancelled
            case (.cancel, .sending): .journalRefusedCancelSending
            case (.cancel, .sent): .journalRefusedCancelSent
            case (.cancel, .failed): .journalRefusedCancelFailed
            case (.cancel, .cancelled): .journalRefusedCancelCancelled
            }
        }
    }

    /// An action that did not apply, the letter being already in `status`, as its redirect tells
    /// the letter's page (`done=cancel_sent`). Unlike a success message (`Flash`), it stays on a
    /// reload: it says why the letter's page offers no such action.
    struct Refused: Equatable {
        let kind: Kind
        let status: LetterStatus

        init(_ kind: Kind, _ status: LetterStatus) {
            self.kind = kind
            self.status = status
        }

        /// The action and the state: `cancel_sent`.
        var query: String { "\(kind.rawValue)_\(status.rawValue)" }

        init?(query: String) {
            let parts = query.split(separator: "_", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = Kind(rawValue: parts[0]), let status = LetterStatus(rawValue: parts[1]),
                kind.refusal(status) != nil
            else { return nil }
            self.init(kind, status)
        }
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
            title: context.strings.text(kind.title),
            back: Path.letter.link(id: id)
        )
        page.letter = .init(
            id: letter.id,
            to: letter.toAddress,
            subject: letter.subject,
            status: table.statusText(letter.status, possibleDuplicate: letter.possibleDuplicate),
            created: times.string(letter.createdAt)
        )
        if let refusal = kind.refusal(letter.status) {
            page.refusal = context.strings.text(refusal)
        } else if kind == .cancel {
            page.question = context.strings.text(.journalConfirmCancelQuestion)
            page.form = .init(
                action: kind.path.link(id: id),
                button: context.strings.text(.journalActionCancel),
                isDanger: true
            )
        } else {
            let profile = try letter.profileID.flatMap { try ProfileStore(context.db).find(id: $0) }
            if let retry = try LetterRetry.offer(letter, profile: profile, db: context.db, now: context.now) {
                page.question = ([retry.question] + (retry.reason.map { [$0] } ?? [])).map(context.strings.text)
                    .joined(separator: " ")
                page.form = .init(
                    action: kind.path.link(id: id),
                    button: context.strings.text(retry.button),
                    isDanger: false
                )
            } else {
                page.refusal = context.strings.text(.journalRefusedRetryQueued)
            }
        }
        return context.render(page)
    }

    private static func act(_ context: RequestContext, id: Int64, _ kind: Kind) throws -> HTTPResponse {
        let store = JournalStore(context.db)
        let change =
            kind == .retry ? try store.retryNow(id: id, now: context.now) : try store.cancel(id: id, now: context.now)
        switch change {
        case .done:
            if kind == .retry { try context.services.waker.wake(forLetter: id, in: context.db, now: context.now) }
            context.logger.info(
                "letter changed by an admin",
                metadata: ["letter.id": "\(id)", "action": "\(kind.rawValue)"]
            )
            return context.redirect(
                to: Path.letter.link(id: id),
                flash: kind == .retry ? .letterRetried : .letterCancelled
            )
        case .notFound:
            return context.notFound()
        case .refused(let current):
            return .redirect(to: Path.letter.link(id: id, query: [("done", Refused(kind, current).query)]))
        }
    }

    static func confirmRetryFailed(_ context: RequestContext, profileID: Int64) throws -> HTTPResponse {
        guard let profile = try ProfileStore(context.db).find(id: profileID) else { return context.notFound() }
        let failed = try JournalStore(context.db).failedCount(profileID: profileID)
        var page = JournalConfirmPage(
            title: context.strings.text(.journalConfirmRetryFailedTitle),
            back: Path.journal.link(query: [("profile", String(profileID)), ("status", "failed")])
        )
        page.profile = .init(quotedName: context.strings.text(.quoted(name: profile.name)))
        if failed > 0 {
            page.question = context.strings.text(
                .journalConfirmRetryFailedQuestion(count: failed, profile: profile.name)
            )
            page.form = .init(
                action: Path.retryFailed.link(id: profileID),
                button: context.strings.text(.journalActionRetryFailed),
                isDanger: false
            )
        } else {
            page.refusal = context.strings.text(.journalRefusedRetryFailedNone)
        }
        return context.render(page)
    }

    static func retryFailed(_ context: RequestContext, profileID: Int64) throws -> HTTPResponse {
        guard try ProfileStore(context.db).find(id: profileID) != nil else { return context.notFound() }
        let count = try JournalStore(context.db).retryFailed(profileID: profileID, now: context.now)
        try context.services.waker.wake(forProfile: profileID, in: context.db, now: context.now)
        context.logger.info(
            "failed letters requeued",
            metadata: ["profile.id": "\(profileID)", "count": "\(count)"]
        )
        return context.redirect(
            to: Path.journal.link(query: [("profile", String(profileID)), ("status", "queued")]),
            flash: .lettersRequeued(count: count)
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
        /// The name in the language's quotation marks.
        let quotedName: String
        static let templateFields: TemplateFields<Self> = ["quoted_name": .text(\.quotedName)]
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
