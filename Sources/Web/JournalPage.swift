import Foundation
import MailCore
import Storage
import Templating

/// One page of «Журнал»: the filter form as the request gave it, the notes about what was not
/// applied, the letters, and the links to the next page, the first page and the export.
struct JournalPage: PageModel {
    struct Row: TemplateModel {
        let id: Int64
        let status: String
        let cells: [Cell]

        /// The table's cells; the number and the subject link to the letter.
        init(_ entry: JournalEntry, _ table: JournalTable, departure: JournalTable.Departure) {
            id = entry.id
            status = entry.status.rawValue
            let link = Path.letter.link(id: entry.id)
            let forecast = table.expected(departure)
            cells = table.cells(entry, departure: departure).enumerated().map { index, cell in
                let text = cell.display
                return Cell(
                    text: text,
                    href: JournalTable.linkedColumns.contains(index) && !text.isEmpty ? link : nil,
                    layout: JournalTable.layouts[index],
                    status: entry.status.rawValue,
                    forecast: forecast
                )
            }
        }

        static let templateFields: TemplateFields<Self> = [
            "id": .number(\.id), "status": .text(\.status), "cells": .list(\.cells),
        ]
    }

    /// A cell's text and how it is laid out, so that no word breaks mid-letter.
    struct Cell: TemplateModel {
        /// `number` and `time`: on one line; `status`: a badge; `words`: wraps between words only;
        /// `subject`: the same, given more room; `clipped`: one line, cut with «…», the whole text
        /// in the cell's title.
        enum Layout: String {
            case number
            case time
            case status
            case words
            case subject
            case clipped
        }

        let text: String
        let href: String?
        let layout: Layout
        /// The letter's status (`failed`), the badge's colour; nil outside the status column.
        let badge: String?
        /// The whole text of a clipped cell, shown on hover.
        let title: String?

        /// `status` and `forecast`: the letter's. The status cell keeps its badge to the status,
        /// on one line, and says the forecast («уйдёт около 14:20») on hover: the «Следующая
        /// попытка» column shows the same time.
        init(text: String, href: String?, layout: Layout, status: String, forecast: String?) {
            self.text = text
            self.href = href
            self.layout = layout
            badge = layout == .status ? status : nil
            title =
                switch layout {
                case .status: forecast
                case .clipped: text.isEmpty ? nil : text
                default: nil
                }
        }

        static let templateFields: TemplateFields<Self> = [
            "text": .text(\.text), "href": .optionalText(\.href), "layout": .text(\.layout.rawValue),
            "badge": .optionalText(\.badge), "title": .optionalText(\.title),
        ]
    }

    let statusOptions: [Option]
    let profileOptions: [Option]
    let eventOptions: [Option]
    let recipient: String
    let dateFrom: String
    let dateTo: String
    /// True when «Проверка профиля» letters are listed too.
    let showsTests: Bool
    /// Why a parameter was left out, one sentence each.
    let notes: [String]
    let columns: [String]
    let rows: [Row]
    var exportHref = ""
    var nextHref: String?
    var firstHref: String?
    /// «Повторить все письма с ошибкой профиля …» when the page shows one profile.
    var retryFailed: Link?

    init(
        _ context: RequestContext,
        _ request: JournalRequest,
        profiles: [Profile],
        events: [EventName],
        table: JournalTable,
        rows: [Row]
    ) {
        /// «all» first, then `choices` (value, label), the chosen one selected.
        func options(_ choices: [(String, String)], selected: String?, all: String) -> [Option] {
            [Option(value: "", label: all, isSelected: selected == nil)]
                + choices.map { Option(value: $0.0, label: $0.1, isSelected: $0.0 == selected) }
        }
        var eventCodes = events.map(\.code) + ["test"]
        if let chosen = request.values["event"], !eventCodes.contains(chosen) { eventCodes.append(chosen) }
        statusOptions = options(
            LetterStatus.allCases.map { ($0.rawValue, context.strings.text($0.name)) },
            selected: request.values["status"],
            all: context.strings.text(.journalFilterAnyStatus)
        )
        profileOptions = options(
            profiles.map { (String($0.id), $0.name) },
            selected: request.values["profile"],
            all: context.strings.text(.journalFilterAnyProfile)
        )
        eventOptions = options(
            eventCodes.map { ($0, table.eventName($0)) },
            selected: request.values["event"],
            all: context.strings.text(.journalFilterAnyEvent)
        )
        recipient = request.typedRecipient
        dateFrom = request.values["date_from"] ?? ""
        dateTo = request.values["date_to"] ?? ""
        showsTests = request.showsTests
        notes = request.notes.map(context.strings.text)
        columns = table.columns.map(\.title)
        self.rows = rows
    }

    static let template = "journal"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.journal }
    static let templateFields: TemplateFields<Self> = [
        "status_options": .list(\.statusOptions), "profile_options": .list(\.profileOptions),
        "event_options": .list(\.eventOptions), "recipient": .text(\.recipient), "date_from": .text(\.dateFrom),
        "date_to": .text(\.dateTo), "shows_tests": .flag(\.showsTests), "notes": .list(\.notes),
        "has_notes": .flag { !$0.notes.isEmpty },
        "columns": .list(\.columns), "rows": .list(\.rows), "empty": .flag(\.rows.isEmpty),
        "export_href": .text(\.exportHref), "next_href": .optionalText(\.nextHref),
        "first_href": .optionalText(\.firstHref), "retry_failed": .optionalObject(\.retryFailed),
    ]
}
