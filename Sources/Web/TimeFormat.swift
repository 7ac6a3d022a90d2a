import Foundation
import Storage

/// Times as the shop reads them: in its time zone (setting `timezone`, default Europe/Moscow),
/// `dd.MM.yyyy HH:mm`.
struct TimeFormat {
    static let defaultZone = "Europe/Moscow"
    let timeZone: TimeZone
    private let formatter: DateFormatter

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "dd.MM.yyyy HH:mm"
    }

    /// The shop's format, from the settings.
    init(settings: SettingsStore) throws {
        let name = try settings.value("timezone") ?? Self.defaultZone
        self.init(timeZone: TimeZone(identifier: name) ?? TimeZone(identifier: Self.defaultZone) ?? .gmt)
    }

    func string(_ date: Date) -> String { formatter.string(from: date) }
}
