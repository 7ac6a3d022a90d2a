import Foundation
import MailTestSupport
import Testing

@testable import Storage

/// Each profile's use of the rolling 24 hours, read from the triggers' per-quarter-hour counts and
/// the two quarter hours the window cuts: the same as counting the `sends` log itself.
@Suite struct UsageStoreTests {
    let test: TestDatabase
    let shop: Int64
    let other: Int64
    let now = Fixtures.now

    init() throws {
        test = try TestDatabase()
        shop = try test.addProfile("Магазин", isDefault: true)
        other = try test.addProfile("Рассылка")
    }

    /// The sends log counted directly: (now − 24 h, now] per profile.
    private func counted(at now: Date) throws -> [Int64: ProfileUsage] {
        var usage: [Int64: ProfileUsage] = [:]
        for row in try test.database.rows(
            """
            SELECT profile_id, count(*) AS total, sum(priority) AS priority FROM sends
            WHERE at > ? AND at <= ? GROUP BY profile_id
            """,
            [now.addingTimeInterval(-86_400), now]
        ) {
            usage[try row.int64("profile_id")] = ProfileUsage(
                total: try row.int("total"),
                priority: try row.int("priority")
            )
        }
        return usage
    }

    /// Sends over two days, some given back, some moved to the moment their letter left, one
    /// profile's moved to another: at every moment checked, on and beside the window's edges,
    /// the kept counts give what the log says.
    @Test func theKeptCountsAgreeWithTheLogAtEveryMoment() throws {
        var moments = (0..<400).map { $0 * 7_919 % (2 * 86_400) }
        moments += [0, 1, 899, 900, 901, 86_399, 86_400, 86_401]
        for (number, offset) in moments.enumerated() {
            try test.database.execute(
                "INSERT INTO sends (profile_id, priority, at) VALUES (?, ?, ?)",
                [number % 3 == 0 ? other : shop, number % 4 == 0, now.addingTimeInterval(Double(offset))]
            )
        }
        try test.database.execute("DELETE FROM sends WHERE id % 7 = 0")
        try test.database.execute("UPDATE sends SET at = at + 1000 WHERE id % 5 = 0")
        try test.database.execute("UPDATE sends SET priority = 1 - priority WHERE id % 11 = 0")
        try test.database.execute("UPDATE sends SET profile_id = ? WHERE id % 13 = 0", [other])
        let store = UsageStore(test.database)
        var checks = [0, 1, 899, 900, 901, 86_399, 86_400, 86_401, 86_400 + 900, 2 * 86_400 + 1000]
        for step in stride(from: 0, through: 2 * 86_400 + 1200, by: 433) { checks.append(step) }
        for offset in checks {
            let at = now.addingTimeInterval(Double(offset))
            #expect(try store.lastDay(now: at) == counted(at: at), "at now + \(offset) s")
        }
    }

    /// A deleted profile's sends go with it, and so does its use.
    @Test func aDeletedProfileUsesNothing() throws {
        for offset in [0.0, 60, 3_600] {
            try test.database.execute(
                "INSERT INTO sends (profile_id, priority, at) VALUES (?, 0, ?)",
                [other, now.addingTimeInterval(offset)]
            )
        }
        try ProfileStore(test.database).delete(id: other, now: now)
        let at = now.addingTimeInterval(7_200)
        #expect(try UsageStore(test.database).lastDay(now: at).isEmpty)
        #expect(try counted(at: at).isEmpty)
    }
}
