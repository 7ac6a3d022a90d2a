import Foundation
import MailCore
import MailTestSupport
import Sender
import Testing

@testable import Storage

/// The alerts of cron's pass against a temporary database, a scripted transport and a recording
/// webhook.
@Suite struct AlertCheckTests {
    static let refusedLogin = DeliveryResult.refused(535, "5.7.8", "Authentication failed", step: .auth)
    static let accepted = DeliveryResult.sent(reply: SMTPReply(code: 250, enhancedCode: "2.0.0", text: "OK"))

    func configure(
        _ h: SenderHarness,
        recipients: String = "admin@shop.ru",
        webhook: String = "http://hooks.example.com/x"
    )
        throws
    {
        try AlertStore(h.db).save(
            AlertSettings(
                recipients: try AlertSettings.recipients(parsing: recipients),
                webhook: try AlertSettings.webhook(parsing: webhook)
            )
        )
    }

    func run(_ h: SenderHarness, _ transport: ScriptedTransport, _ webhook: RecordingWebhook) throws -> RunReport {
        try QueueRun(h.setup(transport), webhook: webhook).run()
    }

    /// The letters queued or sent to `address`.
    func letters(to address: String, in h: SenderHarness) throws -> [StoredLetter] {
        try (1...100).compactMap { try OutboxStore(h.db).find(id: Int64($0)) }.filter { $0.toAddress == address }
    }

    @Test func brokenProfileIsAnnouncedOnceThroughAnotherAndItsRecoveryOnce() throws {
        let h = try SenderHarness()
        let shop = try h.addProfile("Магазин", isDefault: true)
        let spare = try h.addProfile("Запасной")
        try configure(h)
        try h.enqueue(profile: "Магазин")
        let webhook = RecordingWebhook()
        let transport = ScriptedTransport([Self.refusedLogin], fallback: Self.accepted)

        let report = try run(h, transport, webhook)
        #expect(report.alerts == [AlertChange(profileID: shop, from: .ok, to: .broken)])
        let alerts = try letters(to: "admin@shop.ru", in: h)
        #expect(alerts.count == 1)
        #expect(alerts.first?.profileID == spare && alerts.first?.priority == true)
        #expect(alerts.first?.status == .sent, "sent in the same run, through the healthy profile")
        #expect(alerts.first?.subject.contains("ошибка входа") == true)
        #expect(transport.accounts.last?.host == "smtp.example.com" && transport.sent.count == 2)
        #expect(webhook.bodies.map { $0["event"] } == [.string("profile_broken")])

        h.clock.advance(by: 60)
        #expect(try run(h, transport, webhook).alerts.isEmpty, "no second alert while it stays broken")
        #expect(try letters(to: "admin@shop.ru", in: h).count == 1 && webhook.bodies.count == 1)

        try ProfileStore(h.db).clearBroken(id: shop)
        h.clock.advance(by: 60)
        let recovery = try run(h, transport, webhook)
        #expect(recovery.alerts == [AlertChange(profileID: shop, from: .broken, to: .ok)])
        let both = try letters(to: "admin@shop.ru", in: h)
        #expect(both.count == 2 && both.last?.subject.contains("снова работает") == true)
        #expect(webhook.bodies.map { $0["event"] } == [.string("profile_broken"), .string("profile_recovered")])

        h.clock.advance(by: 60)
        #expect(try run(h, transport, webhook).alerts.isEmpty)
        #expect(try letters(to: "admin@shop.ru", in: h).count == 2, "no third letter")
    }

    @Test func theOnlyProfileBrokenLeavesTheWebhookAlone() throws {
        let h = try SenderHarness()
        try h.addProfile("Магазин", isDefault: true)
        try configure(h)
        try h.enqueue()
        let webhook = RecordingWebhook()
        let report = try run(h, ScriptedTransport([Self.refusedLogin]), webhook)
        #expect(report.alerts.count == 1)
        #expect(try letters(to: "admin@shop.ru", in: h).isEmpty, "never through the failing profile")
        #expect(webhook.bodies.count == 1)
        #expect(report.problems.contains { $0.contains("no healthy profile") && $0.contains("the webhook alone") })
    }

    @Test func nobodyToTellChangesNothing() throws {
        let h = try SenderHarness()
        let shop = try h.addProfile("Магазин", isDefault: true)
        try h.addProfile("Запасной")
        try h.enqueue(profile: "Магазин")
        let report = try run(h, ScriptedTransport([Self.refusedLogin]), RecordingWebhook())
        #expect(report.alerts.isEmpty)
        #expect(try AlertStore(h.db).announced()[shop] == .ok, "announced when someone is to be told")
    }

    @Test func failingWebhookIsAProblemLineAndTheStateIsStillRecorded() throws {
        let h = try SenderHarness()
        let shop = try h.addProfile("Магазин", isDefault: true)
        try configure(h, recipients: "")
        try h.enqueue()
        let webhook = RecordingWebhook(answer: .failed(reason: "Connection refused"))
        let report = try run(h, ScriptedTransport([Self.refusedLogin]), webhook)
        #expect(report.problems.contains("alert webhook http://hooks.example.com: Connection refused"))
        #expect(try AlertStore(h.db).announced()[shop] == .broken)
    }

    @Test func pauseAndSlowQueueAreAnnounced() throws {
        let h = try SenderHarness()
        let slow = try h.addProfile(
            "Медленный",
            isDefault: true,
            limits: ProfileLimits(maxPerDay: 100, intervalMinutes: 5, batchSize: 10, priorityPerDay: 20)
        )
        let paused = try h.addProfile("Пауза")
        try configure(h)
        try ProfileStore(h.db).pause(
            id: paused,
            until: h.clock.now().addingTimeInterval(3600),
            reply: "421",
            now: h.clock.now()
        )
        for index in 0..<300 { try h.enqueue("c\(index)@example.com", profile: "Медленный") }
        let webhook = RecordingWebhook()
        let report = try run(h, ScriptedTransport.acceptingAll(), webhook)
        #expect(
            Set(report.alerts.map(\.to)) == [.slow, .paused],
            "300 letters at 80 regular a day, and a pause"
        )
        #expect(try AlertStore(h.db).announced() == [slow: .slow, paused: .paused])
        #expect(try AlertStore(h.db).failing(now: h.clock.now()).map(\.name) == ["Медленный", "Пауза"])
        // The pause ends: announced once as a recovery.
        h.clock.advance(by: 3601)
        let later = try run(h, ScriptedTransport.acceptingAll(), webhook)
        #expect(later.alerts == [AlertChange(profileID: paused, from: .paused, to: .ok)])
    }

    /// The slow-queue alert asks the forecast of «Обзор» and `status`: a full window whose ten
    /// sends all leave 5 h 59 min from now lets 2 letters go a minute from then on. Four letters
    /// leave by 6 h exactly (within the six hours); six need until 6 h 01 min (not within). A
    /// count of what may leave within the hours (ten) would call both within.
    @Test(arguments: [(4, AlertState.ok), (6, .slow)]) func slowQueueIsTheForecasts(
        letters: Int,
        state: AlertState
    )
        throws
    {
        let h = try SenderHarness()
        let shop = try h.addProfile(
            "Магазин",
            isDefault: true,
            limits: ProfileLimits(maxPerDay: 10, intervalMinutes: 0, batchSize: 2, priorityPerDay: 0)
        )
        try configure(h)
        let leaving = h.clock.now().addingTimeInterval(-24 * 3600 + 5 * 3600 + 59 * 60)
        for _ in 0..<10 {
            try h.db.execute("INSERT INTO sends (profile_id, priority, at) VALUES (?, 0, ?)", [shop, leaving])
        }
        for index in 0..<letters { try h.enqueue("c\(index)@example.com") }
        let forecast = try QueueForecasting(h.db).forecast(now: h.clock.now())
        let end = h.clock.now().addingTimeInterval(Double(5 * 3600 + 59 * 60 + (letters / 2 - 1) * 60))
        #expect(try forecast.end(of: shop) == .at(end))
        let report = try run(h, ScriptedTransport.acceptingAll(), RecordingWebhook())
        #expect(report.sent == 0, "the window is full")
        #expect(try AlertStore(h.db).announced()[shop] ?? .ok == state)
    }

    @Test func overlappingRunsAnnounceAChangeOnce() throws {
        let h = try SenderHarness()
        let shop = try h.addProfile("Магазин", isDefault: true)
        try configure(h)
        let change = AlertChange(profileID: shop, from: .ok, to: .broken)
        #expect(try AlertStore(h.db).record(change, at: h.clock.now()))
        #expect(try !AlertStore(h.db).record(change, at: h.clock.now()), "the second run finds it announced")
    }

    @Test func idleGateSeesOnlyWhatTheRuleMayAnnounce() throws {
        let h = try SenderHarness()
        let shop = try h.addProfile("Магазин", isDefault: true)
        let store = AlertStore(h.db)
        let now = h.clock.now()
        try ProfileStore(h.db).markBroken(id: shop, reply: "535", now: now)
        #expect(try !store.mayHaveNews(now: now), "nobody to tell")
        try configure(h)
        #expect(try store.mayHaveNews(now: now))
        _ = try store.record(AlertChange(profileID: shop, from: .ok, to: .broken), at: now)
        #expect(try !store.mayHaveNews(now: now), "announced already")
        try ProfileStore(h.db).clearBroken(id: shop)
        #expect(try store.mayHaveNews(now: now), "the recovery")
    }
}
