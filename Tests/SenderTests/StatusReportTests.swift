import Foundation
import MailCore
import MailTestSupport
import Sender
import Testing

@testable import Storage

@Suite struct StatusReportTests {
    @Test func jsonHasStableFieldsPerProfile() throws {
        let h = try SenderHarness()
        let shop = try h.addProfile("Магазин", isDefault: true)
        try h.addProfile("Запасной")
        try h.enqueue(priority: true, profile: "Магазин")
        try h.enqueue(profile: "Магазин")
        try ProfileStore(h.db).markBroken(id: shop, reply: "535 5.7.8 Authentication failed", now: h.clock.now())
        try HeartbeatStore(h.db).record(.senderPass, at: h.clock.now())
        let report = try StatusReport(database: h.db, now: h.clock.now())
        let json = try #require(try JSONValue(parsing: Array(report.json.utf8)).objectValue)
        #expect(json["generated_at"] == .string("2026-12-01T09:00:00Z"))
        #expect(json["last_pass_at"] == .string("2026-12-01T09:00:00Z"))
        guard case .array(let profiles) = json["profiles"] else {
            Issue.record("no profiles array")
            return
        }
        let first = try #require(profiles.compactMap(\.objectValue).first { $0["name"] == .string("Магазин") })
        #expect(first["name"] == .string("Магазин"))
        #expect(first["default"] == .bool(true))
        #expect(first["state"] == .string("login_failed"))
        #expect(first["reply"] == .string("535 5.7.8 Authentication failed"))
        #expect(first["queued"] == .object(["priority": .integer(1), "regular": .integer(1)]))
        #expect(first["sent_24h"] == .object(["total": .integer(0), "priority": .integer(0)]))
        #expect(first["limits"]?.objectValue?["max_per_day"] == .integer(100))
        #expect(first["alert_state"] == .string("ok"))
        #expect(first["paused_until"] == .null)
        #expect(
            profiles.compactMap(\.objectValue).first { $0["name"] == .string("Запасной") }?["state"]
                == .string("unchecked")
        )
    }

    /// docs/monitoring.md's example of `next_send_at` («a letter due at 06:38:38 shows
    /// `06:39:00`»), run: the value is the cron minute that will send the letter, not its due time.
    @Test func nextSendAtIsTheCronMinuteTheDocumentationSays() throws {
        let doc = try String(
            contentsOf: URL(fileURLWithPath: #filePath).appendingPathComponent("../../../docs/monitoring.md")
                .standardized,
            encoding: .utf8
        )
        let example = try #require(
            doc.firstMatch(of: /due\s+at\s+(\d\d):(\d\d):(\d\d)\s+shows\s+`(\d\d:\d\d:\d\d)`/),
            "docs/monitoring.md gives an example of next_send_at"
        )
        let h = try SenderHarness()
        try h.addProfile("Магазин", isDefault: true)
        let id = try h.enqueue()
        // The example's time of day, the day after the harness's now (UTC), so it is not due yet.
        let due = try #require(ISO8601DateFormatter().date(from: "2026-12-02T\(example.1):\(example.2):\(example.3)Z"))
        #expect(h.clock.now() < due && due.timeIntervalSince1970.truncatingRemainder(dividingBy: 60) != 0)
        try h.db.execute("UPDATE letters SET next_attempt_at = ? WHERE id = ?", [due, id])
        let report = try StatusReport(database: h.db, now: h.clock.now())
        let json = try #require(try JSONValue(parsing: Array(report.json.utf8)).objectValue)
        guard case .array(let profiles) = json["profiles"], let profile = profiles.first?.objectValue else {
            Issue.record("no profile")
            return
        }
        #expect(profile["next_send_at"] == .string("2026-12-02T\(example.4)Z"))
    }

    @Test func metricsTextNamesEveryFamilyAndEscapesLabels() throws {
        let h = try SenderHarness()
        try h.addProfile("Shop \"main\"\\", isDefault: true)
        try h.enqueue()
        try h.run(ScriptedTransport.acceptingAll())
        try h.enqueue()
        let text = MetricsText.render(
            try StatusReport(database: h.db, now: h.clock.now()),
            letters: try MonitoringStore(h.db).letterCounts()
        )
        #expect(text.contains(#"mailrobot_letters{profile="Shop \"main\"\\",status="sent"} 1"#))
        #expect(text.contains(#"mailrobot_letters{profile="Shop \"main\"\\",status="queued"} 1"#))
        #expect(text.contains(#"mailrobot_sends_24h{class="regular",profile="Shop \"main\"\\"} 1"#))
        #expect(text.contains(#"mailrobot_queue_depth{class="regular",profile="Shop \"main\"\\"} 1"#))
        #expect(text.contains(#"mailrobot_profile_state{profile="Shop \"main\"\\",state="working"} 1"#))
        #expect(text.contains(#"mailrobot_profile_state{profile="Shop \"main\"\\",state="paused"} 0"#))
        #expect(text.contains("mailrobot_last_pass_timestamp_seconds 0"))
        #expect(text.contains("# TYPE mailrobot_letters gauge"))
    }
}
