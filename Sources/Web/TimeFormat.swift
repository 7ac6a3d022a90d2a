import Foundation
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
        let (year, month, day) = Self.civil(days: Self.floorDivide(local, 86_400))
        let minutes = Self.floorModulo(local, 86_400) / 60
        return
            "\(Self.two(day)).\(Self.two(month)).\(Self.four(year)) \(Self.two(minutes / 60)):\(Self.two(minutes % 60))"
    }

    /// The calendar day of `date` in the shop's zone, `yyyy-MM-dd` (for file names).
    func day(_ date: Date) -> String {
        let (year, month, day) = Self.civil(days: Self.floorDivide(localSeconds(date), 86_400))
        return "\(Self.four(year))-\(Self.two(month))-\(Self.two(day))"
    }

    /// Whole seconds since 1970 on the zone's wall clock.
    private func localSeconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(timeZone.secondsFromGMT(for: date))
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01 (H. Hinnant's `civil_from_days`).
    static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }

    private static func floorModulo(_ value: Int64, _ divisor: Int64) -> Int64 {
        value - floorDivide(value, divisor) * divisor
    }

    private static func two(_ number: Int64) -> String {
        number < 10 ? "0\(number)" : String(number)
    }

    private static func four(_ number: Int64) -> String {
        let text = String(number)
        return text.count < 4 ? String(repeating: "0", count: 4 - text.count) + text : text
    }
}
