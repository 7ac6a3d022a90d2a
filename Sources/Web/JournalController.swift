import Foundation
import HTTPCore
import MailCore
import Storage
import XLSX

/// «Журнал»: every letter of the outbox, newest first, filtered and paged by id, and the same
/// table as an Excel file.
extension RequestContext {
    func journalPage() throws -> HTTPResponse {
        let times = try TimeFormat(settings: SettingsStore(db))
        let profiles = try ProfileStore(db).all()
        let events = try EventStore(db).all()
        var request = JournalRequest(query: query, timeZone: times.timeZone)
        request.requireKnownProfile(profiles.map(\.id))
        let table = journalTable(times, events)
        let letters = try JournalStore(db).page(request.filter, before: request.before)
        let filters = request.filterQuery
        var values = journalFormValues(request, profiles: profiles, events: events, table: table)
        values["columns"] = table.columns.map { ["title": $0.title] }
        values["rows"] = letters.entries.map { journalRow($0, table) }
        values["empty"] = letters.entries.isEmpty
        values["notes"] = request.notes.map(text)
        values["has_notes"] = !request.notes.isEmpty
        values["export_href"] = Path.journalExport.link(query: filters)
        if let next = letters.nextBefore {
            values["next_href"] = Path.journal.link(query: filters + [("before", String(next))])
        }
        if request.before != nil { values["first_href"] = Path.journal.link(query: filters) }
        if let id = request.filter.profileID, let profile = profiles.first(where: { $0.id == id }) {
            let failed = try JournalStore(db).failedCount(profileID: id)
            if failed > 0 {
                values["retry_failed"] = [
                    "href": Path.retryFailed.link(id: id),
                    "label": text("journal_retry_failed_link")
                        .replacingOccurrences(of: "{count}", with: String(failed))
                        .replacingOccurrences(of: "{profile}", with: profile.name),
                ]
            }
        }
        if query["done"] == "requeued", let count = query["count"], count.count <= 9, count.allSatisfy(\.isASCIIDigit) {
            values["flash"] = text("journal_flash_requeued").replacingOccurrences(of: "{count}", with: count)
        }
        return try page("journal", values)
    }

    /// One row of the page: the table's cells, the number and the subject linking to the letter.
    private func journalRow(_ entry: JournalEntry, _ table: JournalTable) -> [String: Any] {
        let cells = table.cells(entry).enumerated().map { index, cell -> [String: Any] in
            guard JournalTable.linkedColumns.contains(index), !cell.display.isEmpty else {
                return ["text": cell.display]
            }
            return ["text": cell.display, "href": Path.letter.link(id: entry.id)]
        }
        return ["id": String(entry.id), "status": entry.status.rawValue, "cells": cells]
    }

    /// The filter form: each field's choices and what the request asked for.
    private func journalFormValues(
        _ request: JournalRequest,
        profiles: [Profile],
        events: [StoredEvent],
        table: JournalTable
    ) -> [String: Any] {
        var eventCodes = events.map(\.code) + ["test"]
        if let chosen = request.values["event"], !eventCodes.contains(chosen) { eventCodes.append(chosen) }
        return [
            "status_options": journalOptions(
                LetterStatus.allCases.map { ($0.rawValue, text("journal_status_" + $0.rawValue)) },
                selected: request.values["status"],
                all: text("journal_filter_any_status")
            ),
            "profile_options": journalOptions(
                profiles.map { (String($0.id), $0.name) },
                selected: request.values["profile"],
                all: text("journal_filter_any_profile")
            ),
            "event_options": journalOptions(
                eventCodes.map { ($0, table.eventName($0)) },
                selected: request.values["event"],
                all: text("journal_filter_any_event")
            ),
            "recipient": request.typedRecipient,
            "date_from": request.values["date_from"] ?? "",
            "date_to": request.values["date_to"] ?? "",
        ]
    }

    /// «Выгрузка в Microsoft Excel»: every letter the page's filters match, not only one page,
    /// streamed from the database cursor into the file one row at a time.
    func journalExport() throws -> HTTPResponse {
        let times = try TimeFormat(settings: SettingsStore(db))
        var request = JournalRequest(query: query, timeZone: times.timeZone)
        request.requireKnownProfile(try ProfileStore(db).all().map(\.id))
        let table = journalTable(times, try EventStore(db).all())
        let export = SpreadsheetExport(title: text("journal_title"), columns: table.columns, timeZone: times.timeZone)
        do {
            return try export.response(fileName: "\(text("journal_title")) \(times.day(now))") { append in
                try JournalStore(db).forEach(request.filter) { try append(table.cells($0)) }
            }
        } catch XLSXError.tooManyRows {
            return errorPage(status: 422, key: "journal_export_too_many")
        }
    }

    /// The table of the page and of the export, in the reader's language.
    func journalTable(_ times: TimeFormat, _ events: [StoredEvent]) -> JournalTable {
        var names: [String: String] = ["test": text("journal_event_test")]
        for event in events {
            names[event.code] = language == .en && !event.nameEnglish.isEmpty ? event.nameEnglish : event.name
        }
        return JournalTable(texts: app.strings.table(language), times: times, eventNames: names)
    }

    /// `<option>`s: «all» first, then `choices` (value, label), the chosen one selected.
    private func journalOptions(_ choices: [(String, String)], selected: String?, all: String) -> [[String: Any]] {
        [["value": "", "label": all, "selected": selected == nil]]
            + choices.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == selected] }
    }
}
