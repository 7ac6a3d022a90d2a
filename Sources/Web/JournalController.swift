import Foundation
import HTTPCore
import MailCore
import Sender
import Storage
import XLSX

/// «Журнал»: every letter of the outbox, newest first, filtered and paged by id, and the same
/// table as an Excel file.
enum JournalController {
    static func show(_ context: RequestContext) throws -> HTTPResponse {
        let times = try TimeFormat(settings: SettingsStore(context.db))
        let profiles = try ProfileStore(context.db).all()
        let events = try EventStore(context.db).names()
        var request = JournalRequest(query: context.query, timeZone: times.timeZone)
        request.requireKnownProfile(profiles.map(\.id))
        let table = journalTable(context, times, events)
        let letters = try JournalStore(context.db).page(request.filter, before: request.before)
        // A queued letter's forecast: one forecast for the page, read only when a letter waits.
        let forecasting = QueueForecasting(context.db)
        var forecast: QueueForecast?
        func expectedAt(_ entry: JournalEntry) throws -> Date? {
            guard entry.status == .queued, let profileID = entry.profileID else { return nil }
            let current = try forecast ?? forecasting.forecast(now: context.now)
            forecast = current
            return try forecasting.expectedAt(
                id: entry.id,
                profileID: profileID,
                priority: entry.priority,
                nextAttemptAt: entry.nextAttemptAt,
                kind: QueueForecasting.kind(via: entry.viaProfileID, fixed: entry.possibleDuplicate || entry.isTest),
                in: current
            )
        }
        let filters = request.filterQuery
        var page = JournalPage(
            context,
            request,
            profiles: profiles,
            events: events,
            table: table,
            rows: try letters.entries.map { JournalPage.Row($0, table, expectedAt: try expectedAt($0)) }
        )
        page.exportHref = Path.journalExport.link(query: filters)
        if let next = letters.nextBefore {
            page.nextHref = Path.journal.link(query: filters + [("before", String(next))])
        }
        if request.before != nil { page.firstHref = Path.journal.link(query: filters) }
        if let id = request.filter.profileID, let profile = profiles.first(where: { $0.id == id }) {
            let failed = try JournalStore(context.db).failedCount(profileID: id)
            if failed > 0 {
                page.retryFailed = Link(
                    href: Path.retryFailed.link(id: id),
                    label: context.strings.text(.journalRetryFailedLink(count: failed, profile: profile.name))
                )
            }
        }
        return context.render(page)
    }

    /// «Выгрузка в Microsoft Excel»: every letter the page's filters match, not only one page,
    /// streamed from the database cursor into the file one row at a time.
    static func export(_ context: RequestContext) throws -> HTTPResponse {
        let times = try TimeFormat(settings: SettingsStore(context.db))
        var request = JournalRequest(query: context.query, timeZone: times.timeZone)
        request.requireKnownProfile(try ProfileStore(context.db).all().map(\.id))
        let table = journalTable(context, times, try EventStore(context.db).names())
        let title = context.strings.text(.journalTitle)
        let export = SpreadsheetExport(title: title, columns: table.columns, timeZone: times.timeZone)
        do {
            return try export.response(fileName: "\(title) \(times.day(context.now))") { append in
                try JournalStore(context.db).forEach(request.filter) { try append(table.cells($0)) }
            }
        } catch XLSXError.tooManyRows {
            return context.errorPage(status: 422, key: .journalExportTooMany)
        }
    }

    /// The table of the page and of the export, in the reader's language.
    static func journalTable(_ context: RequestContext, _ times: TimeFormat, _ events: [EventName]) -> JournalTable {
        var names: [String: String] = ["test": context.strings.text(.journalEventTest)]
        for event in events {
            names[event.code] = event.displayName(context.language)
        }
        return JournalTable(strings: context.strings, times: times, eventNames: names)
    }
}
