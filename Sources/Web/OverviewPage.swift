import Foundation
import MailCore
import Sender
import Templating

/// «Обзор»: a card per profile, the chart of letters per day and its table.
struct OverviewPage: PageModel {
    /// One profile at a glance.
    struct Card: TemplateModel {
        let id: Int64
        let name: String
        let isDefault: Bool
        /// «Работает», «Пауза до 07.12.2026 14:20», «Ошибка входа» …
        let state: String
        /// `ok`, `unchecked`, `paused`, `broken`: the card's colour, always next to the words.
        let stateKind: String
        /// The server's words behind a pause or a refused login.
        let stateReason: String?
        let usage: String
        let reserve: String
        /// Today's use in per cent of max_per_day (at most 100), and where the priority reserve
        /// starts on the gauge.
        let usedPercent: Int
        let reserveStart: Int
        let waiting: String
        let nextSend: String?
        let queueEnd: String
        /// For a profile that cannot send and names a reserve: which profile carries its letters
        /// now, or that none can.
        let route: String?
        let lastFailure: String
        let chart: LetterChart
        let profileHref: String
        let checkHref: String
        let journalHref: String

        init(_ status: ProfileStatus, history: LetterHistory, context: RequestContext, times: TimeFormat) {
            let strings = context.strings
            let profile = status.profile
            let limits = profile.limits
            id = profile.id
            name = profile.name
            isDefault = profile.isDefault
            state = status.condition.text(context.language, time: times.string)
            stateKind =
                switch status.condition {
                case .working: "ok"
                case .unchecked: "unchecked"
                case .paused: "paused"
                case .loginFailed, .failed: "broken"
                }
            stateReason =
                status.condition.reply.isEmpty
                ? nil : OutcomeText(recorded: status.condition.reply).text(context.language)
            usage = strings.text(.overviewUsage(sent: status.usage.total, max: limits.maxPerDay))
            reserve = strings.text(.overviewReserve(count: limits.priorityPerDay))
            usedPercent = min(100, status.usage.total * 100 / max(limits.maxPerDay, 1))
            reserveStart = limits.regularPerDay * 100 / max(limits.maxPerDay, 1)
            waiting = strings.text(.overviewWaiting(regular: status.queuedRegular, priority: status.queuedPriority))
            nextSend = status.nextSendAt.map { strings.text(.overviewNextSend(time: times.string($0))) }
            queueEnd =
                switch status.queueEnd {
                case .nothingWaits: strings.text(.overviewQueueEmpty)
                case .at(let end): strings.text(.overviewQueueEmptyBy(time: times.string(end)))
                case .never: strings.text(.overviewQueueNever)
                }
            route =
                switch status.reserveUse {
                case .through(let name): strings.text(.overviewThroughReserve(profile: name))
                case .waiting: strings.text(.overviewReserveWaiting)
                case nil: nil
                }
            lastFailure =
                profile.latestFailure.map {
                    strings.text(
                        .overviewLastFailure(
                            failure: OutcomeText(recorded: $0.recorded).text(context.language),
                            time: times.string($0.at)
                        )
                    )
                } ?? strings.text(.overviewNoFailure)
            chart = history.chart(history.perProfile[profile.id] ?? [], width: 300, height: 48, small: true)
            profileHref = Path.editProfile.link(id: profile.id)
            checkHref = Path.checkProfile.link(id: profile.id)
            journalHref = Path.journal.link(query: [("profile", String(profile.id))])
        }

        static let templateFields: TemplateFields<Self> = [
            "id": .number(\.id), "name": .text(\.name), "is_default": .flag(\.isDefault), "state": .text(\.state),
            "state_kind": .text(\.stateKind), "state_reason": .optionalText(\.stateReason), "usage": .text(\.usage),
            "reserve": .text(\.reserve), "used_percent": .number(\.usedPercent),
            "reserve_start": .number(\.reserveStart), "reserve_width": .number { 100 - $0.reserveStart },
            "waiting": .text(\.waiting), "next_send": .optionalText(\.nextSend), "queue_end": .text(\.queueEnd),
            "route": .optionalText(\.route),
            "last_failure": .text(\.lastFailure), "chart": .object(\.chart), "profile_href": .text(\.profileHref),
            "check_href": .text(\.checkHref), "journal_href": .text(\.journalHref),
        ]
    }

    /// A row of the table under the chart: the day, then the numbers.
    struct Row: TemplateModel {
        let cells: [String]
        static let templateFields: TemplateFields<Self> = ["cells": .list(\.cells)]
    }

    let cards: [Card]
    let chart: LetterChart
    let columns: [String]
    let rows: [Row]
    let exportHref: String

    init(cards: [Card], chart: LetterChart, columns: [String], rows: [[String]], exportHref: String) {
        self.cards = cards
        self.chart = chart
        self.columns = columns
        self.rows = rows.map(Row.init)
        self.exportHref = exportHref
    }

    static let template = "overview"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.overview }
    static let templateFields: TemplateFields<Self> = [
        "cards": .list(\.cards), "empty": .flag(\.cards.isEmpty), "chart": .object(\.chart),
        "columns": .list(\.columns), "rows": .list(\.rows), "export_href": .text(\.exportHref),
    ]
}
