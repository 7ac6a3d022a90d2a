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
        let rows: [[String: Any]] = letters.entries.map { entry in
            let link = "/journal/\(entry.id)"
            return [
                "id": String(entry.id), "status": entry.status.rawValue,
                "cells": table.cells(entry).enumerated().map { index, cell -> [String: Any] in
                    var values: [String: Any] = ["text": cell.display]
                    if JournalTable.linkedColumns.contains(index), !cell.display.isEmpty { values["href"] = link }
                    return values
                },
            ]
        }
        var values: [String: Any] = [
            "columns": table.columns.map { ["title": $0.title] },
            "rows": rows,
            "empty": rows.isEmpty,
            "notes": request.notes.map(text),
            "has_notes": !request.notes.isEmpty,
            "export_href": "/journal/export.xlsx" + (filters.isEmpty ? "" : "?" + filters),
            "status_options": journalOptions(
                LetterStatus.allCases.map { ($0.rawValue, text("journal_status_" + $0.rawValue)) },
                selected: request.values["status"], all: text("journal_filter_any_status")),
            "profile_options": journalOptions(
                profiles.map { (String($0.id), $0.name) }, selected: request.values["profile"],
                all: text("journal_filter_any_profile")),
            "event_options": journalOptions(
                journalEventChoices(events, selected: request.values["event"], table: table),
                selected: request.values["event"], all: text("journal_filter_any_event")),
            "recipient": request.typedRecipient,
            "date_from": request.values["date_from"] ?? "",
            "date_to": request.values["date_to"] ?? "",
        ]
        if let next = letters.nextBefore {
            values["next_href"] = "/journal?" + (filters.isEmpty ? "" : filters + "&") + "before=\(next)"
        }
        if request.before != nil { values["first_href"] = "/journal" + (filters.isEmpty ? "" : "?" + filters) }
        if let id = request.filter.profileID, let profile = profiles.first(where: { $0.id == id }) {
            let failed = try JournalStore(db).failedCount(profileID: id)
            if failed > 0 {
                values["retry_failed"] = [
                    "href": "/journal/retry-failed/\(id)",
                    "label": text("journal_retry_failed_link")
                        .replacingOccurrences(of: "{profile}", with: profile.name)
                        .replacingOccurrences(of: "{count}", with: String(failed)),
                ]
            }
        }
        if query["done"] == "requeued", let count = query["count"], count.count <= 9, count.allSatisfy(\.isASCIIDigit) {
            values["flash"] = text("journal_flash_requeued").replacingOccurrences(of: "{count}", with: count)
        }
        return try page("journal", values)
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

    /// The events to filter by: the shop's, test letters, and the chosen one even if since deleted.
    private func journalEventChoices(_ events: [StoredEvent], selected: String?, table: JournalTable) -> [(String, String)] {
        var codes = events.map(\.code) + ["test"]
        if let selected, !codes.contains(selected) { codes.append(selected) }
        return codes.map { ($0, table.eventName($0)) }
    }

    /// `<option>`s: «all» first, then `choices` (value, label), the chosen one selected.
    private func journalOptions(_ choices: [(String, String)], selected: String?, all: String) -> [[String: Any]] {
        [["value": "", "label": all, "selected": selected == nil]]
            + choices.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == selected] }
    }
}
