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

    /// When a queued letter leaves, as far as the caller forecast it (`QueueForecast`).
    enum Departure {
        /// Not forecast (the export, a letter that does not wait): the stored next attempt stands.
        case notForecast
        /// Forecast to leave then: its real next attempt, the limits considered.
        case at(Date)
        /// It will not leave at the profile's current state and limits: no time to show.
        case never
    }

    /// A letter's cells; a queued letter's «Следующая попытка» follows its `departure`.
    func cells(_ entry: JournalEntry, departure: Departure = .notForecast) -> [DataTable.Cell] {
        [
            DataTable.Cell(value: .integer(entry.id), display: String(entry.id)),
            .date(entry.createdAt, times),
            .text(statusText(entry.status, possibleDuplicate: entry.possibleDuplicate)),
            .text(profileText(entry)),
            .text(eventName(entry.event)),
            .text(entry.toAddress),
            .text(entry.subject),
            .integer(entry.attempts),
            .date(entry.status == .queued ? nextAttempt(entry, departure) : nil, times),
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

    private func nextAttempt(_ entry: JournalEntry, _ departure: Departure) -> Date? {
        switch departure {
        case .notForecast: entry.nextAttemptAt
        case .at(let time): time
        case .never: nil
        }
    }

    /// «уйдёт около 14:20», or «не уйдёт, пока профиль не исправлен…»: the forecast in words.
    func expected(_ departure: Departure) -> String? {
        switch departure {
        case .notForecast: nil
        case .at(let time): strings.text(.journalExpected(time: times.string(time)))
        case .never: strings.text(.journalNotLeaving)
        }
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
