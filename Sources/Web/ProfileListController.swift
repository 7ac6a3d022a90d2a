import Foundation
import HTTPCore
import MailCore
import Storage

/// «Профили email»: the list of sending mailboxes with their limits and today's use.
extension RequestContext {
    func profileList() throws -> HTTPResponse {
        let profiles = try ProfileStore(db).all()
        let table = try profileTable(profiles)
        let rows: [[String: Any]] = zip(profiles, table.rows).map { profile, cells in
            [
                "id": String(profile.id), "name": profile.name, "is_default": profile.isDefault,
                "cells": cells.dropFirst().map(\.display),
            ]
        }
        var values: [String: Any] = [
            "columns": table.columns.map { ["title": $0.title] }, "rows": rows, "empty": profiles.isEmpty,
        ]
        if let done = query["done"], ["created", "saved", "deleted", "default"].contains(done) {
            values["flash"] = text("flash_" + done)
        }
        return try page("profiles", values)
    }

    /// «Выгрузка в Microsoft Excel» of exactly the table on the page.
    func profileExport() throws -> HTTPResponse {
        let table = try profileTable(try ProfileStore(db).all())
        let times = try TimeFormat(settings: SettingsStore(db))
        return try SpreadsheetExport.response(
            for: table,
            fileName: "\(text("profiles_title")) \(times.day(now))",
            timeZone: times.timeZone
        )
    }

    /// The table on the page and in the export: same columns, same order.
    func profileTable(_ profiles: [Profile]) throws -> DataTable {
        let usage = try UsageStore(db).lastDay(now: now)
        let times = try TimeFormat(settings: SettingsStore(db))
        var table = DataTable(
            title: text("profiles_title"),
            columns: [
                .init(title: text("field_name"), kind: .text),
                .init(title: text("field_host"), kind: .text),
                .init(title: text("field_port"), kind: .integer),
                .init(title: text("field_security"), kind: .text),
                .init(title: text("field_sender_name"), kind: .text),
                .init(title: text("field_sender_email"), kind: .text),
                .init(title: text("field_login"), kind: .text),
                .init(title: text("field_default"), kind: .text),
                .init(title: text("column_max_per_day"), kind: .integer),
                .init(title: text("column_interval_minutes"), kind: .integer),
                .init(title: text("column_batch_size"), kind: .integer),
                .init(title: text("column_priority_per_day"), kind: .integer),
                .init(title: text("column_sent_24h"), kind: .integer),
                .init(title: text("column_state"), kind: .text),
            ]
        )
        for profile in profiles {
            let used = usage[profile.id] ?? ProfileUsage()
            table.rows.append([
                .text(profile.name), .text(profile.host), .integer(profile.port),
                .text(securityLabel(profile.security)),
                .text(profile.senderName), .text(profile.senderEmail.address), .text(profile.login),
                .text(profile.isDefault ? text("yes") : ""), .integer(profile.limits.maxPerDay),
                .integer(profile.limits.intervalMinutes), .integer(profile.limits.batchSize),
                .integer(profile.limits.priorityPerDay),
                DataTable.Cell(
                    value: .integer(Int64(used.total)),
                    display: "\(used.total) / \(profile.limits.maxPerDay)"
                ),
                .text(stateText(profile.state.effective(at: now), times)),
            ])
        }
        return table
    }

    func securityLabel(_ mode: SecurityMode) -> String {
        mode == .none ? text("security_none") : mode.label
    }

    func stateText(_ state: ProfileState, _ times: TimeFormat) -> String {
        switch state {
        case .ok:
            text("state_ok")
        case .broken(let reply, _):
            text("state_broken") + (reply.isEmpty ? "" : ": " + reply)
        case .paused(let until, let reply):
            text("state_paused").replacingOccurrences(of: "{time}", with: times.string(until))
                + (reply.isEmpty ? "" : ": " + reply)
        }
    }
}
