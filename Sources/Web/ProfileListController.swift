import Foundation
import HTTPCore
import MailCore
import Storage
import Templating

/// «Профили email»: the list of sending mailboxes with their limits and today's use.
enum ProfileListController {
    static func show(_ context: RequestContext) throws -> HTTPResponse {
        let profiles = try ProfileStore(context.db).all()
        let table = try profileTable(context, profiles, TimeFormat(settings: SettingsStore(context.db)))
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
        let flash: TextKey? =
            switch context.query["done"] {
            case "created": .flashCreated
            case "saved": .flashSaved
            case "deleted": .flashDeleted
            case "default": .flashDefault
            default: nil
            }
        return context.render(page, flash: flash.map(context.strings.text))
    }

    /// «Выгрузка в Microsoft Excel» of exactly the table on the page.
    static func export(_ context: RequestContext) throws -> HTTPResponse {
        let times = try TimeFormat(settings: SettingsStore(context.db))
        let table = try profileTable(context, try ProfileStore(context.db).all(), times)
        return try SpreadsheetExport.response(
            for: table,
            fileName: "\(context.strings.text(.profilesTitle)) \(times.day(context.now))",
            timeZone: times.timeZone
        )
    }

    /// The table on the page and in the export: same columns, same order.
    static func profileTable(_ context: RequestContext, _ profiles: [Profile], _ times: TimeFormat) throws -> DataTable
    {
        let usage = try UsageStore(context.db).lastDay(now: context.now)
        let text: (TextKey) -> String = context.strings.text
        var table = DataTable(
            title: text(.profilesTitle),
            columns: [
                .init(title: text(.fieldName), kind: .text),
                .init(title: text(.fieldHost), kind: .text),
                .init(title: text(.fieldPort), kind: .integer),
                .init(title: text(.fieldSecurity), kind: .text),
                .init(title: text(.fieldSenderName), kind: .text),
                .init(title: text(.fieldSenderEmail), kind: .text),
                .init(title: text(.fieldLogin), kind: .text),
                .init(title: text(.fieldDefault), kind: .text),
                .init(title: text(.columnMaxPerDay), kind: .integer),
                .init(title: text(.columnIntervalMinutes), kind: .integer),
                .init(title: text(.columnBatchSize), kind: .integer),
                .init(title: text(.columnPriorityPerDay), kind: .integer),
                .init(title: text(.columnSent24h), kind: .integer),
                .init(title: text(.columnState), kind: .text),
            ]
        )
        for profile in profiles {
            let used = usage[profile.id] ?? ProfileUsage()
            table.rows.append([
                .text(profile.name), .text(profile.host), .integer(profile.port),
                .text(securityLabel(context, profile.security)),
                .text(profile.senderName), .text(profile.senderEmail.address), .text(profile.login),
                .text(profile.isDefault ? text(.yes) : ""), .integer(profile.limits.maxPerDay),
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
        mode == .none ? context.strings.text(.securityNone) : mode.label
    }

    static func stateText(_ context: RequestContext, _ state: ProfileState, _ times: TimeFormat) -> String {
        switch state {
        case .ok:
            context.strings.text(.stateOk)
        case .broken(let reply, _):
            context.strings.text(.stateBroken) + (reply.isEmpty ? "" : ": " + reply)
        case .paused(let until, let reply):
            context.strings.text(.statePaused(time: times.string(until)))
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
