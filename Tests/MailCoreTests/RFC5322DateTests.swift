import Foundation
import MailCore
import MailTestSupport
import Testing

@Suite struct RFC5322DateTests {
    @Test(arguments: [
        (1_796_115_600.0, "Europe/Moscow", "Tue, 01 Dec 2026 12:00:00 +0300"),
        (1_796_115_600.0, "UTC", "Tue, 01 Dec 2026 09:00:00 +0000"),
        (1_796_115_600.0, "America/New_York", "Tue, 01 Dec 2026 04:00:00 -0500"),
        (1_796_115_600.0, "Asia/Kolkata", "Tue, 01 Dec 2026 14:30:00 +0530"),
        (1_796_115_600.0, "Pacific/Chatham", "Tue, 01 Dec 2026 22:45:00 +1345"),
        (1_796_115_600.0, "America/St_Johns", "Tue, 01 Dec 2026 05:30:00 -0330"),
        (0.0, "UTC", "Thu, 01 Jan 1970 00:00:00 +0000"),
        (-1.0, "UTC", "Wed, 31 Dec 1969 23:59:59 +0000"),
        (951_782_400.0, "UTC", "Tue, 29 Feb 2000 00:00:00 +0000"),
        (1_709_251_199.999, "UTC", "Thu, 29 Feb 2024 23:59:59 +0000"),
        (4_107_542_400.0, "UTC", "Mon, 01 Mar 2100 00:00:00 +0000"),
        (1_719_792_000.0, "Europe/Berlin", "Mon, 01 Jul 2024 02:00:00 +0200"),
    ])
    func formatsInEnglishWithANumericZone(seconds: Double, zone: String, expected: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: seconds), in: timeZone) == expected)
    }

    @Test func everyDayOfAYearHasTheRFCShape() throws {
        let moscow = try #require(TimeZone(identifier: "Europe/Moscow"))
        let shape =
            /(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4}/
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = moscow
        for day in 0..<366 {
            let date = Fixtures.now.addingTimeInterval(Double(day) * 86_400 + 3_599)
            let text = RFC5322Date.format(date, in: moscow)
            #expect(text.wholeMatch(of: shape) != nil, "\(text)")
            let parts = calendar.dateComponents([.day, .month, .year, .weekday], from: date)
            let english = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][parts.weekday! - 1]
            #expect(text.hasPrefix("\(english), " + String(format: "%02d", parts.day!)), "\(text)")
        }
    }
}
