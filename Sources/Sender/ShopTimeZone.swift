import Foundation
import Storage

/// The shop's time zone (setting `timezone`, default Europe/Moscow), for `Date` headers.
enum ShopTimeZone {
    static let defaultIdentifier = "Europe/Moscow"

    static func load(_ settings: SettingsStore) throws -> TimeZone {
        let name = try settings.value("timezone") ?? defaultIdentifier
        return TimeZone(identifier: name) ?? TimeZone(identifier: defaultIdentifier) ?? .gmt
    }
}
