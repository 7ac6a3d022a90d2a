import Foundation
import HTTPCore
import MailCore
import Sender
import Storage
import Templating

/// One letter of the journal: its headers, its text, its HTML (shown in a sandboxed frame that
/// can run nothing and reach nothing of the panel, and as escaped source), and every attempt.
enum JournalLetterController {
    static func show(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        guard let (letter, attempts) = try JournalStore(context.db).letter(id: id) else { return context.notFound() }
        let times = try TimeFormat(settings: SettingsStore(context.db))
        let table = JournalController.journalTable(context, times, try EventStore(context.db).names())
        let profile = try letter.profileID.flatMap { try ProfileStore(context.db).find(id: $0) }
        let strings = context.strings
        var page = JournalLetterPage(
            letter: JournalLetterPage.Letter(
                letter,
                profile: profile,
                reserve: try letter.viaProfileID.flatMap { try ProfileStore(context.db).find(id: $0) },
                table: table,
                times: times,
                strings: strings,
                expectedAt: try QueueForecasting(context.db).expectedAt(letter, now: context.now)
            ),
            attempts: attempts.map { attempt in
                JournalLetterPage.Attempt(
                    at: times.string(attempt.at),
                    outcome: TextKey.outcome(attempt.outcome).map(strings.text) ?? attempt.outcome,
                    step: SMTPStep(rawValue: attempt.step).map { strings.text(.step($0)) } ?? attempt.step,
                    reply: table.outcome(attempt.reply),
                    profile: attempt.profileName
                )
            },
            canCancel: letter.status == .queued
        )
        if let retry = try LetterRetry.offer(letter, profile: profile, db: context.db, now: context.now) {
            page.retry = JournalLetterPage.Retry(
                label: strings.text(retry.button),
                reason: retry.reason.map(strings.text)
            )
        }
        if letter.status == .failed, let profile {
            page.retryFailed = Link(
                href: Path.retryFailed.link(id: profile.id),
                label: strings.text(.journalRetryFailedAction(profile: profile.name))
            )
        }
        if let refused = context.query["done"].flatMap(JournalActionsController.Refused.init) {
            page.refusal = refused.kind.refusal(refused.status).map(strings.text)
        }
        return context.render(page)
    }
}

/// A letter's page: its headers and bodies, its attempts, and what the admin may do with it.
struct JournalLetterPage: PageModel {
    struct Letter: TemplateModel {
        let id: Int64
        let status: String
        let statusText: String
        let isPossibleDuplicate: Bool
        let profile: String
        /// `Имя <адрес>` of the profile's sender, if the profile still exists; for a letter sent
        /// through a reserve, the From it went with (the reserve's).
        let from: String
        /// The reserve that sent it (empty unless sent through a reserve).
        let sentBy: String
        /// «Отправлено через резервный профиль …: в поле «От» был его адрес …» (or empty).
        let reserveNote: String
        let to: String
        let subject: String
        let messageID: String
        /// The event's name and code, or the code of an event since deleted.
        let event: String
        let isPriority: Bool
        let isTest: Bool
        let attempts: Int
        let created: String
        let updated: String
        /// Empty unless the letter waits in the queue.
        let nextAttempt: String
        let sentAt: String
        /// «Ответ сервера» for a real SMTP reply, «Ошибка» for the program's own words.
        let lastReplyLabel: String
        /// The reply as the server wrote it, or the problem in the reader's language.
        let lastReply: String
        let text: String
        let html: String

        /// `reserve`: the profile that carried the letter, if it still exists; `expectedAt`: when
        /// the queued letter is forecast to leave (its real next attempt).
        init(
            _ letter: StoredLetter,
            profile: Profile?,
            reserve: Profile?,
            table: JournalTable,
            times: TimeFormat,
            strings: Strings,
            expectedAt: Date?
        ) {
            id = letter.id
            status = letter.status.rawValue
            statusText = table.statusText(letter.status, possibleDuplicate: letter.possibleDuplicate)
            isPossibleDuplicate = letter.possibleDuplicate
            self.profile = letter.profileName
            if letter.viaReserve {
                from = Self.mailbox(name: reserve?.senderName ?? "", address: letter.sentFrom)
                sentBy = letter.sentProfileName
                reserveNote = strings.text(.journalReserveNote(reserve: letter.sentProfileName, from: letter.sentFrom))
            } else {
                from = profile.map { Self.mailbox(name: $0.senderName, address: $0.senderEmail.address) } ?? ""
                sentBy = ""
                reserveNote = ""
            }
            to = Self.mailbox(name: letter.toName, address: letter.toAddress)
            subject = letter.subject
            messageID = "<\(letter.messageID)>"
            let name = table.eventName(letter.event)
            event = name == letter.event ? letter.event : "\(name) (\(letter.event))"
            isPriority = letter.priority
            isTest = letter.isTest
            attempts = letter.attempts
            created = times.string(letter.createdAt)
            updated = times.string(letter.updatedAt)
            nextAttempt = letter.status == .queued ? times.string(expectedAt ?? letter.nextAttemptAt) : ""
            sentAt = letter.sentAt.map(times.string) ?? ""
            let outcome = OutcomeText(recorded: letter.lastReply)
            lastReplyLabel = outcome.label(table.language)
            lastReply = letter.lastReply.isEmpty ? "" : outcome.text(table.language)
            text = letter.text
            html = letter.html
        }

        /// A display name and an address as a header shows them: `Имя <addr>`, or the bare address.
        private static func mailbox(name: String, address: String) -> String {
            name.isEmpty ? address : "\(name) <\(address)>"
        }

        static let templateFields: TemplateFields<Self> = [
            "id": .number(\.id), "status": .text(\.status), "status_text": .text(\.statusText),
            "possible_duplicate": .flag(\.isPossibleDuplicate), "profile": .text(\.profile), "from": .text(\.from),
            "sent_by": .text(\.sentBy), "reserve_note": .text(\.reserveNote),
            "to": .text(\.to), "subject": .text(\.subject), "message_id": .text(\.messageID),
            "event": .text(\.event), "priority": .flag(\.isPriority), "is_test": .flag(\.isTest),
            "attempts": .number(\.attempts), "created": .text(\.created), "updated": .text(\.updated),
            "next_attempt": .text(\.nextAttempt), "sent_at": .text(\.sentAt), "last_reply": .text(\.lastReply),
            "last_reply_label": .text(\.lastReplyLabel),
            "text": .text(\.text), "html": .text(\.html),
        ]
    }

    struct Attempt: TemplateModel {
        let at: String
        let outcome: String
        let step: String
        let reply: String
        let profile: String

        static let templateFields: TemplateFields<Self> = [
            "at": .text(\.at), "outcome": .text(\.outcome), "step": .text(\.step), "reply": .text(\.reply),
            "profile": .text(\.profile),
        ]
    }

    /// The retry button, worded as what it does, and why the letter would wait after it.
    struct Retry: TemplateModel {
        let label: String
        let reason: String?

        static let templateFields: TemplateFields<Self> = [
            "label": .text(\.label), "reason": .optionalText(\.reason),
        ]
    }

    let letter: Letter
    let attempts: [Attempt]
    let canCancel: Bool
    var retry: Retry?
    var retryFailed: Link?
    var refusal: String?

    static let template = "journal_letter"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.journalLetter }
    static let templateFields: TemplateFields<Self> = [
        "letter": .object(\.letter), "attempts": .list(\.attempts), "has_attempts": .flag { !$0.attempts.isEmpty },
        "retry": .optionalObject(\.retry), "can_cancel": .flag(\.canCancel),
        "retry_failed": .optionalObject(\.retryFailed),
        "refusal": .optionalText(\.refusal),
    ]
}
