public import Foundation

/// Letters sent and failed on one day of the shop's time zone, through one profile.
public struct LetterDay: Sendable, Equatable {
    /// The day's first moment in the shop's zone.
    public var day: Date
    /// The profile's id; 0 for letters whose profile was deleted.
    public var profileID: Int64
    public var sent: Int
    public var failed: Int

    public init(day: Date, profileID: Int64, sent: Int, failed: Int) {
        self.day = day
        self.profileID = profileID
        self.sent = sent
        self.failed = failed
    }
}

/// Letters sent and failed per quarter of an hour and profile (`letter_tallies`, kept by triggers
/// when a letter becomes sent or failed): what «Обзор»'s chart reads instead of the journal.
public struct LetterTallyStore {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// The length of a tally's slot: a quarter of an hour, so days of every time zone add up.
    static let slot: TimeInterval = 900

    /// Letters sent and failed per day of `timeZone` and profile, for the days from the one
    /// holding `from` to the one holding `to`; days without letters are left out. Reads at most a
    /// slot per quarter hour and profile, whatever the journal's size.
    public func days(from: Date, to: Date, timeZone: TimeZone) throws -> [LetterDay] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let first = calendar.startOfDay(for: from)
        let end = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: to)) ?? to
        var totals: [Date: [Int64: (sent: Int, failed: Int)]] = [:]
        var dayStart = first
        var dayEnd = calendar.date(byAdding: .day, value: 1, to: first) ?? end
        try db.forEachRow(
            """
            SELECT slot, profile_id, sent, failed FROM letter_tallies WHERE slot >= ? AND slot < ?
            ORDER BY slot
            """,
            [Self.slotNumber(first), Self.slotNumber(end)]
        ) { row in
            let at = Date(timeIntervalSince1970: Double(try row.int64("slot")) * Self.slot)
            if at >= dayEnd || at < dayStart {
                dayStart = calendar.startOfDay(for: at)
                dayEnd = calendar.date(byAdding: .day, value: 1, to: dayStart) ?? end
            }
            var counts = totals[dayStart, default: [:]][try row.int64("profile_id"), default: (0, 0)]
            counts.sent += try row.int("sent")
            counts.failed += try row.int("failed")
            totals[dayStart, default: [:]][try row.int64("profile_id")] = counts
        }
        return totals.keys.sorted().flatMap { day in
            (totals[day] ?? [:]).keys.sorted().map { profile in
                let counts = totals[day]?[profile] ?? (0, 0)
                return LetterDay(day: day, profileID: profile, sent: counts.sent, failed: counts.failed)
            }
        }
    }

    private static func slotNumber(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / slot).rounded(.down))
    }
}
