import Foundation
import HTTPCore
import MailCore
import Storage
import Templating

/// «Настройки»: the shop's time zone, in which pages, exports and letters' `Date` show times; and
/// who is told when a profile fails («Кому сообщать о сбоях», docs/monitoring.md).
enum SettingsController {
    static func show(_ context: RequestContext) throws -> HTTPResponse {
        let alerts = try AlertStore(context.db).settings()
        let page = try SettingsPage(
            context,
            zone: SettingsStore(context.db).timeZone().identifier,
            recipients: alerts.recipientsText,
            hours: String(alerts.hours),
            storedWebhook: alerts.webhook
        )
        return context.render(page)
    }

    static func save(_ context: RequestContext) throws -> HTTPResponse {
        let zone = context.form["timezone"] ?? ""
        let store = AlertStore(context.db)
        let stored = try store.settings()
        // A field the form did not send keeps its stored value.
        let recipientsText = context.form["alert_recipients"] ?? stored.recipientsText
        let webhookText = context.form["alert_webhook"] ?? ""
        let hoursText = context.form["alert_hours"] ?? String(stored.hours)
        var alerts = stored
        var problems: [String: String] = [:]
        func field<T>(_ parse: () throws(AlertSettings.Problem) -> T) -> T? {
            do {
                return try parse()
            } catch {
                problems[error.field] = error.message(context.language)
                return nil
            }
        }
        if let recipients = field({ () throws(AlertSettings.Problem) in
            try AlertSettings.recipients(parsing: recipientsText)
        }) {
            alerts.recipients = recipients
        }
        if let hours = field({ () throws(AlertSettings.Problem) in try AlertSettings.hours(parsing: hoursText) }) {
            alerts.hours = hours
        }
        // An empty field keeps the stored webhook (its address may hold a token, so it is never
        // shown back); the checkbox removes it.
        if context.form["alert_webhook_clear"] == "1" {
            alerts.webhook = nil
        } else if let typed = field({ () throws(AlertSettings.Problem) in
            try AlertSettings.webhook(parsing: webhookText)
        }),
            let typed
        {
            alerts.webhook = typed
        }
        let zoneKnown = TimeZone(identifier: zone) != nil && TimeZone.knownTimeZoneIdentifiers.contains(zone)
        guard zoneKnown, problems.isEmpty else {
            var page = try SettingsPage(
                context,
                zone: zone,
                recipients: recipientsText,
                hours: hoursText,
                storedWebhook: stored.webhook
            )
            page.zoneError = zoneKnown ? nil : context.strings.text(.settingsErrorZone)
            page.webhookTyped = problems["alert_webhook"] == nil ? "" : webhookText
            page.recipientsError = problems["alert_recipients"]
            page.webhookError = problems["alert_webhook"]
            page.hoursError = problems["alert_hours"]
            return context.render(page, status: .unprocessableContent)
        }
        try context.db.write { db in
            _ = try SettingsStore(db).setTimeZone(zone)
            try AlertStore(db).save(alerts)
        }
        context.logger.info(
            "settings saved",
            metadata: [
                "zone": "\(zone)", "alert.recipients": "\(alerts.recipients.count)",
                "alert.webhook": "\(alerts.webhook?.shownForm ?? "none")", "alert.hours": "\(alerts.hours)",
            ]
        )
        return context.redirect(to: Path.settings.link(), flash: .settingsSaved)
    }
}

/// The settings form: every time zone (`zone` chosen), Russia's first, and the time now in the
/// stored one; the alerts' addresses, webhook and hours.
struct SettingsPage: PageModel {
    let russianZones: [Option]
    let otherZones: [Option]
    let now: String
    var zoneError: String?
    let recipients: String
    let hours: String
    /// Scheme and host of the stored webhook (never its path or query); nil: none stored.
    let webhookStored: String?
    /// What was typed into the webhook field, shown back only when it was refused.
    var webhookTyped = ""
    var recipientsError: String?
    var webhookError: String?
    var hoursError: String?

    init(_ context: RequestContext, zone: String, recipients: String, hours: String, storedWebhook: WebhookURL?) throws
    {
        let choices = TimeZoneChoices(
            language: context.language,
            selected: zone,
            now: context.now,
            known: TimeZone.knownTimeZoneIdentifiers,
            links: TimeZoneChoices.systemLinks
        )
        russianZones = choices.russia
        otherZones = choices.others
        now = try TimeFormat(settings: SettingsStore(context.db)).string(context.now)
        self.recipients = recipients
        self.hours = hours
        webhookStored = storedWebhook?.shownForm
    }

    static let template = "settings"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.settings }
    static let templateFields: TemplateFields<Self> = [
        "russian_zones": .list(\.russianZones), "other_zones": .list(\.otherZones), "now": .text(\.now),
        "zone_error": .optionalText(\.zoneError),
        "alert_recipients": .text(\.recipients), "alert_hours": .text(\.hours),
        "webhook_stored": .optionalText(\.webhookStored), "webhook_typed": .text(\.webhookTyped),
        "recipients_error": .optionalText(\.recipientsError), "webhook_error": .optionalText(\.webhookError),
        "hours_error": .optionalText(\.hoursError),
    ]
}
