import Foundation
import MailCore
import Storage

/// The journal's columns and how a letter fills them: the page and «Выгрузка в Microsoft Excel»
/// both use this one definition, so the file has exactly the page's columns in its order.
struct JournalTable {
    let columns: [DataTable.Column]
    /// Column of the letter's number and of its subject: links to the letter on the page.
    static let linkedColumns: Set<Int> = [0, 6]
    /// How the page lays each column out (`JournalPage.Cell.Layout`), in the columns' order.
    static let layouts: [JournalPage.Cell.Layout] = [
        .number, .time, .status, .words, .words, .clipped, .subject, .number, .time, .time, .clipped,
    ]
    /// The reader's language, for texts made outside the catalogue (`OutcomeText`).
    let language: Language
    private let times: TimeFormat
    private let eventNames: [String: String]
    /// Status names, worked out once rather than once a row (an export has 100,000 rows).
    private let statusNames: [LetterStatus: (plain: String, duplicate: String)]
    private let strings: Strings

    /// `strings`: the reader's words; `eventNames`: event code → name in the reader's language.
    init(strings: Strings, times: TimeFormat, eventNames: [String: String]) {
        self.times = times
        self.eventNames = eventNames
        language = strings.language
        let text: (TextKey) -> String = strings.text
        var statusNames: [LetterStatus: (plain: String, duplicate: String)] = [:]
        for status in LetterStatus.allCases {
            let name = text(status.name)
            statusNames[status] = (name, "\(name) (\(text(.journalPossibleDuplicate)))")
        }
        self.statusNames = statusNames
        self.strings = strings
        columns = [
            .init(title: text(.journalColumnId), kind: .integer),
            .init(title: text(.journalColumnCreated), kind: .dateTime),
            .init(title: text(.journalColumnStatus), kind: .text),
            .init(title: text(.journalColumnProfile), kind: .text),
            .init(title: text(.journalColumnEvent), kind: .text),
            .init(title: text(.journalColumnRecipient), kind: .text),
            .init(title: text(.journalColumnSubject), kind: .text),
            .init(title: text(.journalColumnAttempts), kind: .integer),
            .init(title: text(.journalColumnNextAttempt), kind: .dateTime),
            .init(title: text(.journalColumnSentAt), kind: .dateTime),
            .init(title: text(.journalColumnOutcome), kind: .text),
        ]
    }

    /// A letter's cells. `expectedAt`, a queued letter's forecast send time (`QueueForecast`), is
    /// its next attempt: when it will really be tried, the limits considered, rather than the
    /// earliest moment it may be.
    func cells(_ entry: JournalEntry, expectedAt: Date? = nil) -> [DataTable.Cell] {
        [
            DataTable.Cell(value: .integer(entry.id), display: String(entry.id)),
            .date(entry.createdAt, times),
            .text(statusText(entry.status, possibleDuplicate: entry.possibleDuplicate)),
            .text(profileText(entry)),
            .text(eventName(entry.event)),
            .text(entry.toAddress),
            .text(entry.subject),
            .integer(entry.attempts),
            .date(entry.status == .queued ? expectedAt ?? entry.nextAttemptAt : nil, times),
            .date(entry.sentAt, times),
            .text(outcome(entry.lastReply)),
        ]
    }

    /// «Ответ сервера: 550 …» only for a real SMTP reply; «Ошибка: сервер не найден (DNS)» for
    /// the program's own words, in the reader's language; empty while nothing was tried.
    func outcome(_ recorded: String) -> String {
        guard !recorded.isEmpty else { return "" }
        let outcome = OutcomeText(recorded: recorded)
        return outcome.label(language) + ": " + outcome.text(language)
    }

    /// «уйдёт около 14:20»: when a queued letter is forecast to leave.
    func expected(_ time: Date) -> String {
        strings.text(.journalExpected(time: times.string(time)))
    }

    /// «отправлено», or «отправлено (возможен дубль)» for a letter a dead run may have sent already.
    func statusText(_ status: LetterStatus, possibleDuplicate: Bool) -> String {
        guard let names = statusNames[status] else { return status.rawValue }
        return possibleDuplicate ? names.duplicate : names.plain
    }

    /// The letter's profile; for a letter sent through a reserve, the profile that sent it and
    /// «через резервный профиль».
    func profileText(_ entry: JournalEntry) -> String {
        guard entry.viaReserve else { return entry.profileName }
        return strings.text(.journalViaReserve(sender: entry.sentProfileName, profile: entry.profileName))
    }

    /// The event's name; its code when it has none (an event since deleted).
    func eventName(_ code: String) -> String {
        eventNames[code] ?? code
    }

}

extension LetterStatus {
    /// «в очереди», «отправляется», «отправлено», «ошибка», «отменено».
    var name: TextKey {
        switch self {
        case .queued: .journalStatusQueued
        case .sending: .journalStatusSending
        case .sent: .journalStatusSent
        case .failed: .journalStatusFailed
        case .cancelled: .journalStatusCancelled
        }
    }
}
