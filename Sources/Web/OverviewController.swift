import Foundation
import HTTPCore
import MailCore
import Sender
import Storage

/// «Обзор» (`/overview`), the page after login: a card per profile (its state in words, today's
/// use against the limits, the letters waiting, the next send and when the queue will be empty,
/// the last failure) and the letters per day of the last 30 days, as a chart and as a table, the
/// table also as «Выгрузка в Microsoft Excel».
enum OverviewController {
    /// The days of the chart and the table.
    static let days = 30

    static func show(_ context: RequestContext) throws -> HTTPResponse {
        let times = try TimeFormat(settings: SettingsStore(context.db))
        let statuses = try ProfileStatus.all(database: context.db, now: context.now)
        let history = try LetterHistory(context, profiles: statuses.map(\.profile), times: times)
        let page = OverviewPage(
            cards: statuses.map { OverviewPage.Card($0, history: history, context: context, times: times) },
            chart: history.chart(history.totals, width: 720, height: 200, small: false),
            columns: history.table.columns.map(\.title),
            rows: history.table.rows.map { $0.map(\.display) },
            exportHref: Path.overviewExport.link()
        )
        return context.render(page)
    }

    /// «Выгрузка в Microsoft Excel» of the page's table of letters per day.
    static func export(_ context: RequestContext) throws -> HTTPResponse {
        let times = try TimeFormat(settings: SettingsStore(context.db))
        let history = try LetterHistory(context, profiles: try ProfileStore(context.db).all(), times: times)
        return try SpreadsheetExport.response(
            for: history.table,
            fileName: "\(context.strings.text(.overviewTitle)) \(times.day(context.now))",
            timeZone: times.timeZone
        )
    }
}

/// The letters sent and failed per day of the last 30 days, per profile and in total, read from
/// the per-day tallies (`LetterTallyStore`), not the journal.
struct LetterHistory {
    /// The first moment of each day, oldest first.
    let days: [Date]
    /// Per profile id (0: deleted profiles), per day: (sent, failed).
    let perProfile: [Int64: [LetterChart.Day]]
    let totals: [LetterChart.Day]
    let table: DataTable
    private let strings: Strings
    private let dayText: (Date) -> String

    init(_ context: RequestContext, profiles: [Profile], times: TimeFormat) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = times.timeZone
        let today = calendar.startOfDay(for: context.now)
        days = (0..<OverviewController.days).reversed().compactMap {
            calendar.date(byAdding: .day, value: -$0, to: today)
        }
        let tallies = try LetterTallyStore(context.db).days(
            from: days.first ?? today,
            to: context.now,
            timeZone: times.timeZone
        )
        var counts: [Int64: [Date: (sent: Int, failed: Int)]] = [:]
        for tally in tallies {
            counts[tally.profileID, default: [:]][tally.day] = (tally.sent, tally.failed)
        }
        let days = days
        func series(_ profile: Int64?) -> [LetterChart.Day] {
            days.map { day in
                let found =
                    profile.map { [counts[$0]?[day]] } ?? counts.values.map { $0[day] }
                let sent = found.reduce(0) { $0 + ($1?.sent ?? 0) }
                let failed = found.reduce(0) { $0 + ($1?.failed ?? 0) }
                return LetterChart.Day(day: day, sent: sent, failed: failed)
            }
        }
        let own = profiles.map { series($0.id) }
        let totals = series(nil)
        perProfile = Dictionary(uniqueKeysWithValues: zip(profiles.map(\.id), own))
        self.totals = totals
        let strings = context.strings
        self.strings = strings
        // The table's columns after the day: sent and failed of each profile, then of all.
        let columnSeries = Array(zip(profiles.map(\.name), own)) + [(strings.text(.overviewTotal), totals)]
        dayText = { times.string($0).prefix(5).description }
        var columns: [DataTable.Column] = [.init(title: strings.text(.overviewColumnDay), kind: .dateTime)]
        for (name, _) in columnSeries {
            columns.append(.init(title: strings.text(.overviewColumnSent(profile: name)), kind: .integer))
            columns.append(.init(title: strings.text(.overviewColumnFailed(profile: name)), kind: .integer))
        }
        var table = DataTable(title: strings.text(.overviewChartTitle), columns: columns)
        for (index, day) in days.enumerated() {
            var row: [DataTable.Cell] = [
                DataTable.Cell(value: .dateTime(day), display: times.string(day).prefix(10).description)
            ]
            for (_, counts) in columnSeries {
                row += [.integer(counts[index].sent), .integer(counts[index].failed)]
            }
            table.rows.append(row)
        }
        self.table = table
    }

    /// The chart of `series` in a `width` × `height` box.
    func chart(_ series: [LetterChart.Day], width: Int, height: Int, small: Bool) -> LetterChart {
        let strings = strings
        let dayText = dayText
        return LetterChart(
            days: series,
            width: width,
            height: height,
            small: small,
            summary: strings.text(
                .overviewChartSummary(
                    sent: series.reduce(0) { $0 + $1.sent },
                    failed: series.reduce(0) { $0 + $1.failed }
                )
            ),
            label: { strings.text(.overviewBar(day: dayText($0.day), sent: $0.sent, failed: $0.failed)) },
            dayText: dayText
        )
    }
}
