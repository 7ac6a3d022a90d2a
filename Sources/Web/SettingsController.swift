import Foundation
import HTTPCore
import Storage
import Templating

/// «Настройки»: the shop's time zone, in which pages, exports and letters' `Date` show times.
enum SettingsController {
    static func show(_ context: RequestContext) throws -> HTTPResponse {
        let page = try SettingsPage(context, zone: SettingsStore(context.db).timeZone().identifier)
        let saved = context.query["done"] == "saved"
        return context.render(page, flash: saved ? context.strings.text(.settingsFlashSaved) : nil)
    }

    static func save(_ context: RequestContext) throws -> HTTPResponse {
        let zone = context.form["timezone"] ?? ""
        guard try SettingsStore(context.db).setTimeZone(zone) else {
            var page = try SettingsPage(context, zone: zone)
            page.zoneError = context.strings.text(.settingsErrorZone)
            return context.render(page, status: .unprocessableContent)
        }
        context.logger.info("time zone set", metadata: ["zone": "\(zone)"])
        return .redirect(to: Path.settings.link(query: [("done", "saved")]))
    }
}

/// The settings form: every time zone (`zone` chosen), Russia's first, and the time now in the
/// stored one.
struct SettingsPage: PageModel {
    let russianZones: [Option]
    let otherZones: [Option]
    let now: String
    var zoneError: String?

    init(_ context: RequestContext, zone: String) throws {
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
    }

    static let template = "settings"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.settings }
    static let templateFields: TemplateFields<Self> = [
        "russian_zones": .list(\.russianZones), "other_zones": .list(\.otherZones), "now": .text(\.now),
        "zone_error": .optionalText(\.zoneError),
    ]
}
