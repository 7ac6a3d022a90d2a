import Foundation
import HTTPCore
import MailCore
import Storage
import Templating

/// «Профили email»: the list of sending mailboxes with their limits and today's use.
enum ProfileListController {
    static func show(_ context: RequestContext) throws -> HTTPResponse {
        let profiles = try ProfileStore(context.db).all()
        let table = try profileTable(context, profiles)
        let page = ProfileListPage(
            columns: table.columns.map(\.title),
            rows: zip(profiles, table.rows).map { profile, cells in
                ProfileListPage.Row(
                    id: profile.id,
                    name: profile.name,
                    isDefault: profile.isDefault,
                    cells: cells.dropFirst().map(\.display)
                )
            }
        )
        var flash: String?
        if let done = context.query["done"], ["created", "saved", "deleted", "default"].contains(done) {
            flash = context.text("flash_" + done)
        }
        return context.render(page, flash: flash)
    }

    /// «Выгрузка в Microsoft Excel» of exactly the table on the page.
    static func export(_ context: RequestContext) throws -> HTTPResponse {
        let table = try profileTable(context, try ProfileStore(context.db).all())
        let times = try TimeFormat(settings: SettingsStore(context.db))
        return try SpreadsheetExport.response(
            for: table,
            fileName: "\(context.text("profiles_title")) \(times.day(context.now))",
            timeZone: times.timeZone
        )
    }

    /// The table on the page and in the export: same columns, same order.
    static func profileTable(_ context: RequestContext, _ profiles: [Profile]) throws -> DataTable {
        let usage = try UsageStore(context.db).lastDay(now: context.now)
        let times = try TimeFormat(settings: SettingsStore(context.db))
        let text = context.text
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
                .text(securityLabel(context, profile.security)),
                .text(profile.senderName), .text(profile.senderEmail.address), .text(profile.login),
                .text(profile.isDefault ? text("yes") : ""), .integer(profile.limits.maxPerDay),
                .integer(profile.limits.intervalMinutes), .integer(profile.limits.batchSize),
                .integer(profile.limits.priorityPerDay),
                DataTable.Cell(
                    value: .integer(Int64(used.total)),
                    display: "\(used.total) / \(profile.limits.maxPerDay)"
                ),
                .text(stateText(context, profile.state.effective(at: context.now), times)),
            ])
        }
        return table
    }

    static func securityLabel(_ context: RequestContext, _ mode: SecurityMode) -> String {
        mode == .none ? context.text("security_none") : mode.label
    }

    static func stateText(_ context: RequestContext, _ state: ProfileState, _ times: TimeFormat) -> String {
        switch state {
        case .ok:
            context.text("state_ok")
        case .broken(let reply, _):
            context.text("state_broken") + (reply.isEmpty ? "" : ": " + reply)
        case .paused(let until, let reply):
            context.text("state_paused").replacingOccurrences(of: "{time}", with: times.string(until))
                + (reply.isEmpty ? "" : ": " + reply)
        }
    }
}

/// The list of profiles: the table's column titles, and each profile's row with its actions.
struct ProfileListPage: PageModel {
    struct Row: TemplateModel {
        let id: Int64
        let name: String
        let isDefault: Bool
        /// The table's cells after the name (the name is the row's header with the actions).
        let cells: [String]

        static let templateFields: TemplateFields<Self> = [
            "id": .number(\.id), "name": .text(\.name), "is_default": .flag(\.isDefault), "cells": .list(\.cells),
        ]
    }

    let columns: [String]
    let rows: [Row]

    static let template = "profiles"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.profiles }
    static let templateFields: TemplateFields<Self> = [
        "columns": .list(\.columns), "rows": .list(\.rows), "empty": .flag(\.rows.isEmpty),
    ]
}
