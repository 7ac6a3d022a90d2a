import Foundation
import Storage

/// Times as the shop reads them: in its time zone (setting `timezone`, default Europe/Moscow),
/// `dd.MM.yyyy HH:mm`.
struct TimeFormat {
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
        self.init(timeZone: try settings.timeZone())
    }

    func string(_ date: Date) -> String { formatter.string(from: date) }

    /// The calendar day of `date` in the shop's zone, `yyyy-MM-dd` (for file names).
    func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04ld-%02ld-%02ld", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
