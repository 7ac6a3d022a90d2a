import Foundation
import MailCore
import Storage

/// The journal's query string, checked: the filter it asks for, the values the form shows back,
/// and a note for every parameter that was not understood and so not applied. The page and the
/// export read the same parameters the same way, so the file holds exactly the page's letters.
struct JournalRequest {
    /// The parameters, in the order links carry them.
    static let parameters = ["status", "profile", "event", "recipient", "date_from", "date_to", "tests"]
    /// A longer recipient text is not an address or a name.
    static let maximumRecipientLength = 200

    private(set) var filter = JournalFilter()
    /// The id the page starts below (keyset paging), nil for the newest letters.
    private(set) var before: Int64?
    /// The notes about parameters left out.
    private(set) var notes: [TextKey] = []
    /// The accepted parameters as given, by name: the form shows them and the links carry them.
    private(set) var values: [String: String] = [:]
    /// The recipient text as typed, shown back in the form even when it was not applied.
    private(set) var typedRecipient = ""
    /// True when the page lists «Проверка профиля» letters too (`tests=1`).
    var showsTests: Bool { values["tests"] != nil }

    init(query: FormData, timeZone: TimeZone) {
        take(
            query,
            "status",
            note: .journalNoteStatus,
            parse: LetterStatus.init(rawValue:),
            apply: { $0.status = $1 }
        )
        take(query, "profile", note: .journalNoteProfile, parse: RecordID.parse, apply: { $0.profileID = $1 })
        take(
            query,
            "event",
            note: .journalNoteEvent,
            parse: { EventCode.isValid($0) ? $0 : nil },
            apply: { $0.event = $1 }
        )
        if let text = Self.given(query, "recipient") {
            typedRecipient = text
            if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                notes.append(.journalNoteRecipientInvalid)
            } else if text.count < JournalFilter.minimumRecipientLength {
                notes.append(.journalNoteRecipientShort)
            } else if text.count > Self.maximumRecipientLength {
                notes.append(.journalNoteRecipientLong)
            } else {
                values["recipient"] = text
                filter.recipient = text
            }
        }
        let day = { (text: String) in Self.day(text, in: timeZone) }
        take(
            query,
            "date_from",
            note: .journalNoteDateFrom,
            parse: { day($0)?.start },
            apply: { $0.createdFrom = $1 }
        )
        take(query, "date_to", note: .journalNoteDateTo, parse: { day($0)?.end }, apply: { $0.createdBefore = $1 })
        if let start = filter.createdFrom, let end = filter.createdBefore, end <= start {
            notes.append(.journalNoteDatesReversed)
        }
        // «Проверка профиля» letters stay out unless asked for: by the toggle, or by their event.
        if Self.given(query, "tests") == "1" { values["tests"] = "1" }
        filter.hidesTests = values["tests"] == nil && filter.event != "test"
        if let text = Self.given(query, "before") {
            before = RecordID.parse(text)
            if before == nil { notes.append(.journalNoteBefore) }
        }
    }

    /// Applies parameter `name` when `parse` understands it; otherwise notes `note`.
    private mutating func take<Value>(
        _ query: FormData,
        _ name: String,
        note: TextKey,
        parse: (String) -> Value?,
        apply: (inout JournalFilter, Value) -> Void
    ) {
        guard let text = Self.given(query, name) else { return }
        guard let value = parse(text) else {
            notes.append(note)
            return
        }
        values[name] = text
        apply(&filter, value)
    }

    /// Drops the profile filter when no such profile exists (any more).
    mutating func requireKnownProfile(_ known: [Int64]) {
        guard let id = filter.profileID, !known.contains(id) else { return }
        filter.profileID = nil
        values["profile"] = nil
        notes.append(.journalNoteProfile)
    }

    /// The accepted filters (without `before`), in order, for links.
    var filterQuery: [(String, String)] {
        Self.parameters.compactMap { name in values[name].map { (name, $0) } }
    }

    /// A parameter's value without surrounding spaces; nil when absent or empty.
    private static func given(_ query: FormData, _ name: String) -> String? {
        guard let text = query[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    /// A `yyyy-MM-dd` day (what `<input type="date">` sends) as the instants it starts and ends
    /// in the shop's time zone; nil for anything else, 30 February included.
    static func day(_ text: String, in timeZone: TimeZone) -> (start: Date, end: Date)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1970...9999).contains(year)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let noon = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12)),
            calendar.dateComponents([.year, .month, .day], from: noon)
                == DateComponents(year: year, month: month, day: day)
        else { return nil }
        // From noon, not from midnight: a day that begins at 01:00 (summer time starting at
        // midnight) is followed by one that begins at 00:00.
        guard let nextNoon = calendar.date(byAdding: .day, value: 1, to: noon) else { return nil }
        return (calendar.startOfDay(for: noon), calendar.startOfDay(for: nextNoon))
    }
}
