import Foundation
import HTTPCore
import Storage

/// «Настройки»: the shop's time zone, in which pages, exports and letters' `Date` show times.
extension RequestContext {
    func settingsPage(zone: String? = nil, error: String? = nil, status: Int = 200) throws -> HTTPResponse {
        let current = try zone ?? SettingsStore(db).timeZone().identifier
        var values: [String: Any] = [
            "zones": TimeZone.knownTimeZoneIdentifiers.sorted().map { ["id": $0, "selected": $0 == current] },
            "now": try TimeFormat(settings: SettingsStore(db)).string(now),
        ]
        if let error { values["zone_error"] = error }
        if query["done"] == "saved" { values["flash"] = text("settings_flash_saved") }
        return try page("settings", status: status, values)
    }

    func saveSettings() throws -> HTTPResponse {
        let zone = form["timezone"] ?? ""
        guard try SettingsStore(db).setTimeZone(zone) else {
            return try settingsPage(zone: zone, error: text("settings_error_zone"), status: 422)
        }
        app.logger.info("time zone set", metadata: ["zone": "\(zone)"])
        return .redirect(to: Path.settings.link(query: [("done", "saved")]))
    }
}
