import Foundation
import HTTPCore
import MailCore
import Storage

/// «События»: every event the shop can raise, with its state, profile and priority flag.
extension RequestContext {
    func eventList() throws -> HTTPResponse {
        let events = try EventStore(db).all()
        let table = try eventTable(events)
        let rows: [[String: Any]] = zip(events, table.rows).map { event, cells in
            ["code": event.code, "enabled": event.isEnabled, "cells": cells.map { ["text": $0.display] }]
        }
        var values: [String: Any] = [
            "columns": table.columns.map { ["title": $0.title] }, "rows": rows, "empty": events.isEmpty,
        ]
        if query["done"] == "saved" { values["flash"] = text("event_flash_saved") }
        return try page("events", values)
    }

    /// «Выгрузка в Microsoft Excel» of exactly the table on the page.
    func eventExport() throws -> HTTPResponse {
        let table = try eventTable(try EventStore(db).all())
        let times = try TimeFormat(settings: SettingsStore(db))
        return try SpreadsheetExport.response(
            for: table,
            fileName: "\(text("event_list_title")) \(times.day(now))",
            timeZone: times.timeZone
        )
    }

    /// The table on the page and in the export: same columns, same order.
    private func eventTable(_ events: [StoredEvent]) throws -> DataTable {
        let profiles = Dictionary(uniqueKeysWithValues: try ProfileStore(db).all().map { ($0.id, $0.name) })
        var table = DataTable(
            title: text("event_list_title"),
            columns: [
                .init(title: text("event_field_name"), kind: .text),
                .init(title: text("event_field_code"), kind: .text),
                .init(title: text("event_column_enabled"), kind: .text),
                .init(title: text("event_field_profile"), kind: .text),
                .init(title: text("event_column_priority"), kind: .text),
            ]
        )
        for event in events {
            let profile = event.profileID.flatMap { profiles[$0] } ?? text("event_profile_default_short")
            table.rows.append([
                .text(event.displayName(language)), .text(event.code), .text(yesNo(event.isEnabled)), .text(profile),
                .text(yesNo(event.isPriority)),
            ])
        }
        return table
    }

    private func yesNo(_ flag: Bool) -> String { flag ? text("yes") : text("event_no") }

    // MARK: - «Добавить событие»

    func newEventForm() throws -> HTTPResponse {
        try renderNewEventForm(code: "", name: "", errors: [:])
    }

    /// Creates an admin's own event with a starter letter, then opens its page.
    func createEvent() throws -> HTTPResponse {
        let code = (form["code"] ?? "").trimmingCharacters(in: .whitespaces)
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        var errors: [EventField: String] = [:]
        if !EventCode.isValid(code) {
            errors[.code] = text("event_error_code")
        } else if code == "new" {
            errors[.code] = text("event_error_code_taken")
        }
        if let problem = eventNameProblem(name) { errors[.name] = problem }
        guard errors.isEmpty else { return try renderNewEventForm(code: code, name: name, errors: errors, status: 422) }
        let sample = JSONValue.object(["message": .string(text("event_starter_message"))])
        let event = StoredEvent(
            code: code,
            name: name,
            subject: text("event_starter_subject"),
            html: text("event_starter_html"),
            sample: sample.formatted,
            updatedAt: now
        )
        guard try EventStore(db).add(event) else {
            errors[.code] = text("event_error_code_taken")
            return try renderNewEventForm(code: code, name: name, errors: errors, status: 422)
        }
        app.logger.info("event created", metadata: ["event": "\(code)"])
        return .redirect(to: Path.event.link(code: code, query: [("done", "created")]))
    }

    private func renderNewEventForm(
        code: String,
        name: String,
        errors: [EventField: String],
        status: Int = 200
    ) throws -> HTTPResponse {
        func field(_ field: EventField, _ value: String) -> [String: Any] {
            var entry: [String: Any] = [
                "name": field.rawValue, "value": value, "label": text("event_field_" + field.rawValue), "type": "text",
                "autocomplete": "off", "help": text("event_help_new_" + field.rawValue),
            ]
            if let message = errors[field] { entry["error"] = message }
            return entry
        }
        return try page(
            "event_new",
            status: status,
            [
                "f": ["code": field(.code, code), "name": field(.name, name)], "has_errors": !errors.isEmpty,
            ]
        )
    }
}
