import Foundation
import HTTPCore
import MailCore
import Storage
import Templating

/// «События»: every event the shop can raise, with its state, profile and priority flag, and
/// «Добавить событие».
enum EventListController {
    static func show(_ context: RequestContext) throws -> HTTPResponse {
        let events = try EventStore(context.db).all()
        let table = try eventTable(context, events)
        let page = EventListPage(
            columns: table.columns.map(\.title),
            rows: zip(events, table.rows).map { event, cells in
                EventListPage.Row(
                    code: event.code,
                    isEnabled: event.isEnabled,
                    name: cells.first?.display ?? event.code,
                    cells: cells.dropFirst().map(\.display)
                )
            }
        )
        return context.render(page)
    }

    /// «Выгрузка в Microsoft Excel» of exactly the table on the page.
    static func export(_ context: RequestContext) throws -> HTTPResponse {
        let table = try eventTable(context, try EventStore(context.db).all())
        let times = try TimeFormat(settings: SettingsStore(context.db))
        return try SpreadsheetExport.response(
            for: table,
            fileName: "\(context.strings.text(.eventListTitle)) \(times.day(context.now))",
            timeZone: times.timeZone
        )
    }

    /// The table on the page and in the export: same columns, same order.
    private static func eventTable(_ context: RequestContext, _ events: [StoredEvent]) throws -> DataTable {
        let profiles = Dictionary(uniqueKeysWithValues: try ProfileStore(context.db).all().map { ($0.id, $0.name) })
        let text: (TextKey) -> String = context.strings.text
        var table = DataTable(
            title: text(.eventListTitle),
            columns: [
                .init(title: text(.eventFieldName), kind: .text),
                .init(title: text(.eventFieldCode), kind: .text),
                .init(title: text(.eventColumnEnabled), kind: .text),
                .init(title: text(.eventFieldProfile), kind: .text),
                .init(title: text(.eventColumnPriority), kind: .text),
            ]
        )
        let yesNo = { (flag: Bool) in flag ? text(.yes) : text(.eventNo) }
        for event in events {
            let profile = event.profileID.flatMap { profiles[$0] } ?? text(.eventProfileDefaultShort)
            table.rows.append([
                .text(event.displayName(context.language)), .text(event.code), .text(yesNo(event.isEnabled)),
                .text(profile), .text(yesNo(event.isPriority)),
            ])
        }
        return table
    }

    // MARK: - «Добавить событие»

    static func new(_ context: RequestContext) throws -> HTTPResponse {
        context.render(NewEventPage(context, code: "", name: "", errors: [:]))
    }

    /// Creates an admin's own event with a starter letter, then opens its page.
    static func create(_ context: RequestContext) throws -> HTTPResponse {
        let code = (context.form["code"] ?? "").trimmingCharacters(in: .whitespaces)
        let name = (context.form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        var errors: [EventField: String] = [:]
        if !EventCode.isValid(code) {
            errors[.code] = context.strings.text(.eventErrorCode)
        } else if code == "new" {
            errors[.code] = context.strings.text(.eventErrorCodeTaken)
        }
        if let problem = EventFormController.nameProblem(context, name) { errors[.name] = problem }
        guard errors.isEmpty else {
            return context.render(
                NewEventPage(context, code: code, name: name, errors: errors),
                status: .unprocessableContent
            )
        }
        let sample = JSONValue.object(["message": .string(context.strings.text(.eventStarterMessage))])
        let event = StoredEvent(
            code: code,
            name: name,
            subject: context.strings.text(.eventStarterSubject),
            html: context.strings.text(.eventStarterHtml),
            sample: sample.formatted,
            updatedAt: context.now
        )
        guard try EventStore(context.db).add(event) else {
            errors[.code] = context.strings.text(.eventErrorCodeTaken)
            return context.render(
                NewEventPage(context, code: code, name: name, errors: errors),
                status: .unprocessableContent
            )
        }
        context.logger.info("event created", metadata: ["event": "\(code)"])
        return context.redirect(to: Path.event.link(code: code), flash: .eventCreated(name: name))
    }
}

/// The list of events: the table's columns and a row per event with its link.
struct EventListPage: PageModel {
    struct Row: TemplateModel {
        let code: String
        let isEnabled: Bool
        /// The first column, the link to the event's page.
        let name: String
        /// The other columns.
        let cells: [String]

        static let templateFields: TemplateFields<Self> = [
            "code": .text(\.code), "enabled": .flag(\.isEnabled), "name": .text(\.name), "cells": .list(\.cells),
        ]
    }

    let columns: [String]
    let rows: [Row]

    static let template = "events"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.events }
    static let templateFields: TemplateFields<Self> = [
        "columns": .list(\.columns), "rows": .list(\.rows), "empty": .flag(\.rows.isEmpty),
    ]
}

/// «Добавить событие»: its code and name, with their messages.
struct NewEventPage: PageModel {
    struct Fields: TemplateModel {
        let code: FormField
        let name: FormField
        static let templateFields: TemplateFields<Self> = ["code": .object(\.code), "name": .object(\.name)]
    }

    let fields: Fields
    let hasErrors: Bool

    init(_ context: RequestContext, code: String, name: String, errors: [EventField: String]) {
        func field(_ field: EventField, _ value: String) -> FormField {
            FormField(
                name: field.rawValue,
                value: value,
                label: context.strings.text(field.label),
                help: context.strings.text(field == .code ? .eventHelpNewCode : .eventHelpNewName),
                error: errors[field]
            )
        }
        fields = Fields(code: field(.code, code), name: field(.name, name))
        hasErrors = !errors.isEmpty
    }

    static let template = "event_new"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.newEvent }
    static let templateFields: TemplateFields<Self> = ["f": .object(\.fields), "has_errors": .flag(\.hasErrors)]
}
