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
    /// holding `from` to the one holding `to`; days without letters are left out. The days are
    /// added up inside SQLite, each from its stretch of slots: a row per day and profile comes
    /// out, whatever the journal's size (a month of slots is 2,880 per profile).
    public func days(from: Date, to: Date, timeZone: TimeZone) throws -> [LetterDay] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let end = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: to)) ?? to
        var starts = [calendar.startOfDay(for: from)]
        while let last = starts.last, last < end, let next = calendar.date(byAdding: .day, value: 1, to: last) {
            starts.append(next)
        }
        guard starts.count > 1 else { return [] }
        var arguments: [any SQLBindable] = []
        for index in 0..<(starts.count - 1) {
            arguments += [index, Self.slotNumber(starts[index]), Self.slotNumber(starts[index + 1])]
        }
        let days = Array(repeating: "(?, ?, ?)", count: starts.count - 1).joined(separator: ", ")
        return try db.rows(
            """
            WITH days(day, first, last) AS (VALUES \(days))
            SELECT days.day AS day, t.profile_id AS profile_id, sum(t.sent) AS sent, sum(t.failed) AS failed
            FROM days JOIN letter_tallies AS t ON t.slot >= days.first AND t.slot < days.last
            GROUP BY days.day, t.profile_id ORDER BY days.day, t.profile_id
            """,
            arguments
        ).map { row in
            LetterDay(
                day: starts[try row.int("day")],
                profileID: try row.int64("profile_id"),
                sent: try row.int("sent"),
                failed: try row.int("failed")
            )
        }
    }

    private static func slotNumber(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / slot).rounded(.down))
    }
}
