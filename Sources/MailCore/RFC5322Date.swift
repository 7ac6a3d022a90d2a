public import struct Foundation.Date
public import struct Foundation.TimeZone

/// The `Date:` header's text (RFC 5322 §3.3): `Tue, 01 Dec 2026 12:00:00 +0300`.
///
/// Formatted by hand from the seconds since 1970, so neither the process locale nor a
/// calendar setting can turn the day or month names into another language.
public enum RFC5322Date {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `date` as the wall clock in `timeZone` shows it, with the zone's offset in minutes.
    public static func format(_ date: Date, in timeZone: TimeZone) -> String {
        let offsetMinutes = Int((Double(timeZone.secondsFromGMT(for: date)) / 60).rounded())
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offsetMinutes * 60
        let days = CivilCalendar.floorDivide(local, 86_400)
        let secondOfDay = local - days * 86_400
        let (year, month, day) = CivilCalendar.date(daysSince1970: days)
        let weekday = weekdays[((days % 7) + 11) % 7]  // 1970-01-01 was a Thursday
        let sign = offsetMinutes < 0 ? "-" : "+"
        let zone = two(abs(offsetMinutes) / 60) + two(abs(offsetMinutes) % 60)
        let time = two(secondOfDay / 3600) + ":" + two(secondOfDay / 60 % 60) + ":" + two(secondOfDay % 60)
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(weekday), \(two(day)) \(months[month - 1]) \(yearText) \(time) \(sign)\(zone)"
    }

    private static func two(_ number: Int) -> String {
        number < 10 ? "0\(number)" : String(number)
    }
}
