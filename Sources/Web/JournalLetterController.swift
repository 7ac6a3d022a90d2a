import Foundation
import HTTPCore
import MailCore
import Storage

/// One letter of the journal: its headers, its text, its HTML (shown in a sandboxed frame that
/// can run nothing and reach nothing of the panel, and as escaped source), and every attempt.
extension RequestContext {
    func journalLetter(id: Int64) throws -> HTTPResponse {
        guard let (letter, attempts) = try JournalStore(db).letter(id: id) else { return notFound() }
        let times = try TimeFormat(settings: SettingsStore(db))
        let table = journalTable(times, try EventStore(db).all())
        let profile = try letter.profileID.flatMap { try ProfileStore(db).find(id: $0) }
        let texts = app.strings.table(language)
        let fields: [String: Any] = [
            "id": String(letter.id),
            "status": letter.status.rawValue,
            "status_text": table.statusText(letter.status, possibleDuplicate: letter.possibleDuplicate),
            "possible_duplicate": letter.possibleDuplicate,
            "profile": letter.profileName,
            "from": profile.map { mailboxText(name: $0.senderName, address: $0.senderEmail.address) } ?? "",
            "to": mailboxText(name: letter.toName, address: letter.toAddress),
            "subject": letter.subject,
            "message_id": "<\(letter.messageID)>",
            "event": table.eventName(letter.event) == letter.event
                ? letter.event : "\(table.eventName(letter.event)) (\(letter.event))",
            "priority": letter.priority,
            "is_test": letter.isTest,
            "attempts": String(letter.attempts),
            "created": times.string(letter.createdAt),
            "updated": times.string(letter.updatedAt),
            "next_attempt": letter.status == .queued ? times.string(letter.nextAttemptAt) : "",
            "sent_at": letter.sentAt.map(times.string) ?? "",
            "last_reply": letter.lastReply,
            "text": letter.text,
            "html": letter.html,
        ]
        var values: [String: Any] = [
            "letter": withoutEmptyTexts(fields),
            "attempts": attempts.map { attempt in
                withoutEmptyTexts([
                    "at": times.string(attempt.at),
                    "outcome": texts["journal_outcome_" + attempt.outcome] ?? attempt.outcome,
                    "step": attempt.step.isEmpty ? "" : texts["step_" + attempt.step] ?? attempt.step,
                    "reply": attempt.reply,
                    "profile": attempt.profileName,
                ])
            },
            "has_attempts": !attempts.isEmpty,
            "can_retry": letter.status == .failed,
            "can_cancel": letter.status == .queued,
        ]
        if letter.status == .failed, let profile {
            values["retry_failed"] = [
                "href": Path.retryFailed.link(id: profile.id),
                "label": text("journal_retry_failed_action").replacingOccurrences(of: "{profile}", with: profile.name),
            ]
        }
        if let done = query["done"] {
            if let message = texts["journal_flash_" + done] {
                values["flash"] = message
            } else if let message = texts["journal_refused_" + done] {
                values["refusal"] = message
            }
        }
        return try page("journal_letter", values)
    }
}

/// `values` without its empty texts: Mustache shows a `{{#section}}` for an empty string.
private func withoutEmptyTexts(_ values: [String: Any]) -> [String: Any] {
    values.filter { !(($0.value as? String)?.isEmpty ?? false) }
}

/// A display name and an address as a header shows them: `Имя <addr>`, or the bare address.
private func mailboxText(name: String, address: String) -> String {
    name.isEmpty ? address : "\(name) <\(address)>"
}
