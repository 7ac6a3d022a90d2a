import Foundation
import MailCore
import Storage

/// Times as the shop reads them: in its time zone (setting `timezone`, default Europe/Moscow),
/// `dd.MM.yyyy HH:mm`.
///
/// Written by hand from the zone's offset at each moment: a `DateFormatter` costs about 130 µs to
/// make and use once and 2 µs a date after that (measured here), and a journal page shows 150
/// dates. `TimeFormatTests` holds it to `DateFormatter`'s output.
struct TimeFormat {
    let timeZone: TimeZone

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The shop's format, from the settings.
    init(settings: SettingsStore) throws {
        self.init(timeZone: try settings.timeZone())
    }

    /// `dd.MM.yyyy HH:mm` in the shop's zone.
    func string(_ date: Date) -> String {
        let local = localSeconds(date)
        let days = CivilCalendar.floorDivide(local, 86_400)
        let (year, month, day) = CivilCalendar.date(daysSince1970: days)
        let minutes = (local - days * 86_400) / 60
        return
            "\(Self.two(day)).\(Self.two(month)).\(Self.four(year)) \(Self.two(minutes / 60)):\(Self.two(minutes % 60))"
    }

    /// The calendar day of `date` in the shop's zone, `yyyy-MM-dd` (for file names).
    func day(_ date: Date) -> String {
        let (year, month, day) = CivilCalendar.date(
            daysSince1970: CivilCalendar.floorDivide(localSeconds(date), 86_400)
        )
        return "\(Self.four(year))-\(Self.two(month))-\(Self.two(day))"
    }

    /// Whole seconds since 1970 on the zone's wall clock.
    private func localSeconds(_ date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
    }

    private static func two(_ number: Int) -> String {
        number < 10 ? "0\(number)" : String(number)
    }

    private static func four(_ number: Int) -> String {
        let text = String(number)
        return text.count < 4 ? String(repeating: "0", count: 4 - text.count) + text : text
    }
}
