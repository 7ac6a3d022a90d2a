import Foundation
import HTTPCore
import MailCore
import Storage
import Templating

/// «Профили email»: the sending mailboxes, each with its state in words, server, sender and
/// today's use, in a table that fits a 1366 px screen; the limits are on the edit page and in the
/// export, which keeps every column.
enum ProfileListController {
    static func show(_ context: RequestContext) throws -> HTTPResponse {
        let profiles = try ProfileStore(context.db).all()
        let times = try TimeFormat(settings: SettingsStore(context.db))
        let usage = try UsageStore(context.db).lastDay(now: context.now)
        let page = ProfileListPage(
            rows: profiles.map { profile in
                ProfileListPage.Row(context, profile, usage: usage[profile.id] ?? ProfileUsage(), times: times)
            }
        )
        return context.render(page)
    }

    /// «Выгрузка в Microsoft Excel»: every column of the profiles, the limits included (the page
    /// keeps to what fits the screen).
    static func export(_ context: RequestContext) throws -> HTTPResponse {
        let times = try TimeFormat(settings: SettingsStore(context.db))
        let table = try profileTable(context, try ProfileStore(context.db).all(), times)
        return try SpreadsheetExport.response(
            for: table,
            fileName: "\(context.strings.text(.profilesTitle)) \(times.day(context.now))",
            timeZone: times.timeZone
        )
    }

    /// The export's table: every field of each profile but the password, its use and its state.
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
                .text(ProfileCondition(of: profile, now: context.now).text(context.language, time: times.string)),
            ])
        }
        return table
    }

    static func securityLabel(_ context: RequestContext, _ mode: SecurityMode) -> String {
        mode == .none ? context.strings.text(.securityNone) : mode.label
    }
}

/// The list of profiles: each profile's row with its state, server, sender, use and actions.
struct ProfileListPage: PageModel {
    struct Row: TemplateModel {
        let id: Int64
        let name: String
        let isDefault: Bool
        /// The state in words (`ProfileCondition`), the same as `mailrobot-send status` says.
        let state: String
        /// `unchecked`, `working`, `paused` or `failed`: the badge's colour.
        let stateKind: String
        /// The server's words behind a pause or a refused login (the badge's tooltip), as «Обзор»
        /// shows them: the reply without the program's step name.
        let stateReply: String
        /// A failed state offers «проверить».
        let offersCheck: Bool
        /// «smtp.mail.ru:465 · SSL/TLS».
        let server: String
        /// «Имя <email>», or the address alone.
        let sender: String
        let sent: Int
        let maxPerDay: Int
        /// The bar turns amber past 70 % of the day's maximum and red past 90 %.
        var usageLow: Int { maxPerDay * 7 / 10 }
        var usageHigh: Int { maxPerDay * 9 / 10 }

        init(_ context: RequestContext, _ profile: Profile, usage: ProfileUsage, times: TimeFormat) {
            let condition = ProfileCondition(of: profile, now: context.now)
            id = profile.id
            name = profile.name
            isDefault = profile.isDefault
            state = condition.text(context.language, time: times.string)
            // The recorded failure («auth: 535 …») read back: the server's reply, or the words.
            stateReply = condition.reply.isEmpty ? "" : OutcomeText(recorded: condition.reply).text(context.language)
            switch condition {
            case .unchecked: (stateKind, offersCheck) = ("unchecked", false)
            case .working: (stateKind, offersCheck) = ("working", false)
            case .paused: (stateKind, offersCheck) = ("paused", false)
            case .loginFailed, .failed: (stateKind, offersCheck) = ("failed", true)
            }
            server =
                "\(profile.host):\(profile.port) · \(ProfileListController.securityLabel(context, profile.security))"
            let address = profile.senderEmail.address
            sender = profile.senderName.isEmpty ? address : "\(profile.senderName) <\(address)>"
            sent = usage.total
            maxPerDay = profile.limits.maxPerDay
        }

        static let templateFields: TemplateFields<Self> = [
            "id": .number(\.id), "name": .text(\.name), "is_default": .flag(\.isDefault), "state": .text(\.state),
            "state_kind": .text(\.stateKind), "state_reply": .text(\.stateReply), "offers_check": .flag(\.offersCheck),
            "server": .text(\.server), "sender": .text(\.sender), "sent": .number(\.sent),
            "max_per_day": .number(\.maxPerDay), "usage_low": .number(\.usageLow), "usage_high": .number(\.usageHigh),
        ]
    }

    let rows: [Row]

    static let template = "profiles"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.profiles }
    static let templateFields: TemplateFields<Self> = [
        "rows": .list(\.rows), "empty": .flag(\.rows.isEmpty),
    ]
}
