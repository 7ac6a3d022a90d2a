import Foundation

/// Dates as Excel holds them: a serial number of days of local wall-clock time, with no zone.
struct ExcelDate {
    /// The number format of date cells.
    static let numberFormat = "dd.mm.yyyy hh:mm"
    /// Excel serial of 1970-01-01 00:00.
    private static let unixEpoch = 25_569.0
    /// 1900-03-01, the first day after Excel's phantom 29 February 1900; earlier serials are off by one.
    private static let first = 61.0
    /// 10000-01-01, the first day Excel cannot show.
    private static let end = 2_958_466.0

    let timeZone: TimeZone
    private let formatter: DateFormatter

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = "dd.MM.yyyy HH:mm"
    }

    /// The serial of `date`'s wall-clock time in `timeZone` (its offset at that instant, so summer
    /// time is honoured), or `nil` when Excel cannot show that day.
    func serial(_ date: Date) -> Double? {
        let local = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        let serial = local / 86_400 + Self.unixEpoch
        guard serial >= Self.first, serial < Self.end else { return nil }
        return serial
    }

    /// `date` as text in the cells' own format, for the days `serial` refuses.
    func text(_ date: Date) -> String {
        formatter.string(from: date)
    }
}
