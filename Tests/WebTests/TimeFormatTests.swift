import Foundation
import Testing

@testable import Web

/// The shop's times, written by hand, are exactly what `DateFormatter` writes.
@Suite struct TimeFormatTests {
    private func formatter(_ zone: TimeZone, _ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter
    }

    @Test(arguments: [
        "Europe/Moscow", "UTC", "America/Sao_Paulo", "Asia/Kolkata", "Pacific/Chatham", "Australia/Lord_Howe",
    ])
    func matchesDateFormatterAcrossTheYearsAndTheirClockChanges(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let times = TimeFormat(timeZone: timeZone)
        let minutes = formatter(timeZone, "dd.MM.yyyy HH:mm")
        let days = formatter(timeZone, "yyyy-MM-dd")
        // Every 7 h 13 min 17.5 s from 1950 to 2100: every hour of the day, both sides of each change.
        var seconds = -631_152_000.25
        while seconds < 4_102_444_800 {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(times.string(date) == minutes.string(from: date), "\(zone) \(seconds)")
            #expect(times.day(date) == days.string(from: date), "\(zone) \(seconds)")
            seconds += 25_997.5
        }
    }
}
