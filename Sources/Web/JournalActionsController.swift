import Foundation
import HTTPCore
import MailCore
import Storage

/// The admin's actions on letters: retry a failed letter now, cancel a queued one, retry every
/// failed letter of a profile. Each asks first on a page of its own (GET, works without
/// JavaScript), then acts on a POST that carries the CSRF token, and comes back with a message.
extension RequestContext {
    /// What an action on one letter is called on the page and which state it applies to.
    enum LetterActionKind: String {
        case retry
        case cancel

        var appliesTo: LetterStatus { self == .retry ? .failed : .queued }
    }

    func letterActionConfirmation(id: Int64, _ kind: LetterActionKind) throws -> HTTPResponse {
        guard let letter = try OutboxStore(db).find(id: id) else { return notFound() }
        let times = try TimeFormat(settings: SettingsStore(db))
        let table = journalTable(times, [])
        var values: [String: Any] = [
            "title": text("journal_confirm_\(kind.rawValue)_title"),
            "letter": [
                "id": String(letter.id), "to": letter.toAddress, "subject": letter.subject,
                "status": table.statusText(letter.status, possibleDuplicate: letter.possibleDuplicate),
                "created": times.string(letter.createdAt),
            ],
            "back": Path.letter.link(id: id),
        ]
        if letter.status == kind.appliesTo {
            values["question"] = text("journal_confirm_\(kind.rawValue)_question")
            values["form"] = [
                "action": (kind == .retry ? Path.retryLetter : Path.cancelLetter).link(id: id),
                "button": text("journal_action_\(kind.rawValue)"),
                "danger": kind == .cancel,
            ]
        } else {
            values["refusal"] = text("journal_refused_\(kind.rawValue)_\(letter.status.rawValue)")
        }
        return try page("journal_confirm", values)
    }

    func letterAction(id: Int64, _ kind: LetterActionKind) throws -> HTTPResponse {
        let store = JournalStore(db)
        let change = kind == .retry ? try store.retryNow(id: id, now: now) : try store.cancel(id: id, now: now)
        switch change {
        case .done:
            app.logger.info(
                "letter changed by an admin",
                metadata: ["letter.id": "\(id)", "action": "\(kind.rawValue)"]
            )
            return .redirect(to: Path.letter.link(id: id, query: [("done", kind == .retry ? "retried" : "cancelled")]))
        case .notFound:
            return notFound()
        case .refused(let current):
            return .redirect(to: Path.letter.link(id: id, query: [("done", "\(kind.rawValue)_\(current.rawValue)")]))
        }
    }

    func retryFailedConfirmation(profileID: Int64) throws -> HTTPResponse {
        guard let profile = try ProfileStore(db).find(id: profileID) else { return notFound() }
        let failed = try JournalStore(db).failedCount(profileID: profileID)
        var values: [String: Any] = [
            "title": text("journal_confirm_retry_failed_title"),
            "profile": ["name": profile.name],
            "back": Path.journal.link(query: [("profile", String(profileID)), ("status", "failed")]),
        ]
        if failed > 0 {
            values["question"] = text("journal_confirm_retry_failed_question")
                .replacingOccurrences(of: "{count}", with: String(failed))
                .replacingOccurrences(of: "{profile}", with: profile.name)
            values["form"] = [
                "action": Path.retryFailed.link(id: profileID), "button": text("journal_action_retry_failed"),
                "danger": false,
            ]
        } else {
            values["refusal"] = text("journal_refused_retry_failed_none")
        }
        return try page("journal_confirm", values)
    }

    func retryFailed(profileID: Int64) throws -> HTTPResponse {
        guard try ProfileStore(db).find(id: profileID) != nil else { return notFound() }
        let count = try JournalStore(db).retryFailed(profileID: profileID, now: now)
        app.logger.info("failed letters requeued", metadata: ["profile.id": "\(profileID)", "count": "\(count)"])
        return .redirect(
            to: Path.journal.link(query: [
                ("profile", String(profileID)), ("status", "queued"), ("done", "requeued"), ("count", String(count)),
            ])
        )
    }
}
