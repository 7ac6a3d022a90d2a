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

/// Letters sent and failed per profile, as running totals per quarter of an hour (`letter_totals`,
/// kept by triggers when a letter becomes sent or failed): what «Обзор»'s chart reads instead of the
/// journal.
public struct LetterTallyStore {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// The length of a total's slot: a quarter of an hour, so days of every time zone add up.
    static let slot: TimeInterval = 900

    /// Letters sent and failed per day of `timeZone` and profile, for the days from the one
    /// holding `from` to the one holding `to`; days without letters are left out. Each day is the
    /// difference of the running totals at its two ends: two index probes per day and profile,
    /// whatever the journal's size.
    public func days(from: Date, to: Date, timeZone: TimeZone) throws -> [LetterDay] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let end = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: to)) ?? to
        var starts = [calendar.startOfDay(for: from)]
        while let last = starts.last, last < end, let next = calendar.date(byAdding: .day, value: 1, to: last) {
            starts.append(next)
        }
        guard starts.count > 1 else { return [] }
        var totals: [Int64: [(sent: Int, failed: Int)]] = [:]
        let bounds = starts.enumerated().flatMap { [$0.offset, Self.slotNumber($0.element)] as [any SQLBindable] }
        for row in try db.rows(Self.totalsSQL(bounds: starts.count), bounds) {
            totals[try row.int64("profile_id"), default: []].append((try row.int("sent"), try row.int("failed")))
        }
        var days: [LetterDay] = []
        for (profileID, running) in totals {
            for (index, (before, after)) in zip(running, running.dropFirst()).enumerated()
            where after.sent > before.sent || after.failed > before.failed {
                days.append(
                    LetterDay(
                        day: starts[index],
                        profileID: profileID,
                        sent: after.sent - before.sent,
                        failed: after.failed - before.failed
                    )
                )
            }
        }
        return days.sorted { ($0.day, $0.profileID) < ($1.day, $1.profileID) }
    }

    /// Each profile's running totals before each of `bounds` slots, in the bounds' order: the
    /// profiles found by stepping along the primary key, each total the last row before its bound.
    private static func totalsSQL(bounds: Int) -> String {
        let values = Array(repeating: "(?, ?)", count: bounds).joined(separator: ", ")
        let last = "FROM letter_totals WHERE profile_id = profiles.id AND slot < bounds.slot ORDER BY slot DESC LIMIT 1"
        return """
            WITH RECURSIVE
                bounds(i, slot) AS (VALUES \(values)),
                profiles(id) AS (
                    SELECT min(profile_id) FROM letter_totals
                    UNION ALL
                    SELECT (SELECT min(profile_id) FROM letter_totals WHERE profile_id > profiles.id) FROM profiles
                    WHERE profiles.id IS NOT NULL
                )
            SELECT profiles.id AS profile_id, coalesce((SELECT sent \(last)), 0) AS sent,
                coalesce((SELECT failed \(last)), 0) AS failed
            FROM profiles JOIN bounds WHERE profiles.id IS NOT NULL ORDER BY profiles.id, bounds.i
            """
    }

    private static func slotNumber(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / slot).rounded(.down))
    }
}
