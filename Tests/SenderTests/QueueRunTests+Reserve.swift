import Foundation
import MailCore
import MailTestSupport
import Sender
import Testing

@testable import Storage

/// «Резервный профиль»: a broken or long-paused profile's letters go through its reserve.
@Suite struct QueueRunReserveTests {
    let h: SenderHarness
    let spare: Int64
    let shop: Int64

    init() throws {
        h = try SenderHarness()
        spare = try h.addProfile(
            "Запасной",
            host: "smtp.spare.example",
            isDefault: true,
            limits: ProfileLimits(maxPerDay: 100, intervalMinutes: 0, batchSize: 10, priorityPerDay: 10),
            senderEmail: "spare@spare.example"
        )
        shop = try h.addProfile("Магазин", host: "smtp.shop.example", senderEmail: "shop@shop.example", reserve: spare)
    }

    static let refusedLogin = DeliveryResult.refused(535, "5.7.8", "Authentication credentials invalid", step: .auth)

    /// The hosts the transport's letters went to, in order.
    func hosts(_ transport: ScriptedTransport) -> [String] { transport.accounts.map(\.host) }

    func breakShop() throws {
        try ProfileStore(h.db).markBroken(
            id: shop,
            reply: "535 5.7.8 Authentication credentials invalid",
            now: h.clock.now()
        )
    }

    @Test func aRefusedLoginSendsTheLettersThroughTheReserveInTheSameRun() throws {
        let ids = try (1...3).map { try h.enqueue("c\($0)@example.com", profile: "Магазин") }
        let transport = ScriptedTransport([Self.refusedLogin], fallback: .sent(reply: .ok))
        let report = try h.run(transport)
        #expect(report.sent == 3)
        #expect(hosts(transport) == ["smtp.shop.example"] + Array(repeating: "smtp.spare.example", count: 3))
        for (index, id) in ids.enumerated() {
            let letter = try h.letter(id)
            #expect(letter.status == .sent && letter.viaReserve && letter.sentProfileName == "Запасной")
            #expect(letter.sentFrom == "spare@spare.example" && letter.profileName == "Магазин")
            let wire = String(decoding: transport.sent[index + 1].message, as: UTF8.self)
            #expect(wire.contains("Message-ID: <\(letter.messageID)>"), "the letter keeps its Message-ID")
            #expect(wire.contains("From: ") && wire.contains("<spare@spare.example>"), "the reserve's From")
            #expect(transport.sent[index + 1].envelopeFrom.address == "spare@spare.example")
        }
        #expect(try OutboxStore(h.db).sendHistory(profileID: spare, now: h.clock.now()).count == 3)
        #expect(try OutboxStore(h.db).sendHistory(profileID: shop, now: h.clock.now()).isEmpty)
    }

    @Test func theReservesOwnLettersGoFirstAndItsLimitsHold() throws {
        let limits = ProfileLimits(maxPerDay: 5, intervalMinutes: 0, batchSize: 3, priorityPerDay: 1)
        var settings = Fixtures.settings(name: "Запасной", isDefault: true)
        settings.host = "smtp.spare.example"
        settings.senderEmail = try EmailAddress(parsing: "spare@spare.example")
        settings.newPassword = nil
        settings.limits = limits
        try ProfileStore(h.db).update(id: spare, settings, now: h.clock.now(), seal: { try h.sealer.seal($0, for: $1) })
        try breakShop()
        let borrowed = try (1...6).map { try h.enqueue("b\($0)@example.com", profile: "Магазин") }
        h.clock.advance(by: 1)
        let own = try (1...2).map { try h.enqueue("o\($0)@example.com", profile: "Запасной") }
        let first = ScriptedTransport.acceptingAll()
        try h.run(first)
        #expect(first.sent.map(\.recipient.address) == ["o1@example.com", "o2@example.com", "b1@example.com"])
        #expect(try own.allSatisfy { try h.letter($0).status == .sent && !h.letter($0).viaReserve })
        h.clock.advance(by: 60)
        let second = ScriptedTransport.acceptingAll()
        try h.run(second)
        #expect(second.sent.count == 1, "the regular share (5 − 1) of the reserve is used")
        #expect(try borrowed.filter { try h.letter($0).status == .sent }.count == 2)
        #expect(try OutboxStore(h.db).sendHistory(profileID: spare, now: h.clock.now()).count == 4)
    }

    @Test func anAmbiguousLetterWaitsForItsOwnProfile() throws {
        let ambiguous = try h.enqueue("a@example.com", profile: "Магазин")
        let clear = try h.enqueue("b@example.com", profile: "Магазин")
        // The first letter's data went and the answer never came; then the login is refused.
        let transport = ScriptedTransport([
            .failed(.timeout(step: .data), dataSent: true)
        ])
        try h.run(transport)
        #expect(try h.letter(ambiguous).possibleDuplicate)
        try breakShop()
        h.clock.advance(by: 3600)
        let next = ScriptedTransport.acceptingAll()
        try h.run(next)
        #expect(next.sent.map(\.recipient.address) == ["b@example.com"])
        #expect(try h.letter(clear).status == .sent && h.letter(clear).viaReserve)
        #expect(try h.letter(ambiguous).status == .queued, "never re-sent from another mailbox")
    }

    @Test func aShortPauseKeepsTheLettersALongOneMovesThem() throws {
        let id = try h.enqueue(profile: "Магазин")
        try ProfileStore(h.db).pause(
            id: shop,
            until: h.clock.now().addingTimeInterval(30),
            reply: "451",
            now: h.clock.now()
        )
        let short = ScriptedTransport()
        try h.run(short)
        #expect(short.sessionsOpened == 0 && short.unexpectedSends == 0, "the pause ends before the next pass")
        try ProfileStore(h.db).pause(
            id: shop,
            until: h.clock.now().addingTimeInterval(3600),
            reply: "451",
            now: h.clock.now()
        )
        let long = ScriptedTransport.acceptingAll()
        try h.run(long)
        #expect(hosts(long) == ["smtp.spare.example"])
        #expect(try h.letter(id).viaReserve)
    }

    @Test func lettersReturnToTheProfileOnceItIsFixed() throws {
        try breakShop()
        try h.enqueue("one@example.com", profile: "Магазин")
        let meanwhile = ScriptedTransport.acceptingAll()
        try h.run(meanwhile)
        #expect(hosts(meanwhile) == ["smtp.spare.example"])
        try ProfileStore(h.db).clearBroken(id: shop)
        let id = try h.enqueue("two@example.com", profile: "Магазин")
        let after = ScriptedTransport.acceptingAll()
        try h.run(after)
        #expect(hosts(after) == ["smtp.shop.example"])
        let letter = try h.letter(id)
        #expect(!letter.viaReserve && letter.sentProfileName == "Магазин" && letter.sentFrom == "shop@shop.example")
    }

    @Test func aBrokenReserveBreaksOnlyItselfAndTheLettersWait() throws {
        try breakShop()
        let id = try h.enqueue(profile: "Магазин")
        let transport = ScriptedTransport([Self.refusedLogin])
        try h.run(transport)
        guard case .broken = try h.profile(spare).state else {
            Issue.record("the reserve was not marked broken")
            return
        }
        let letter = try h.letter(id)
        #expect(letter.status == .queued && letter.attempts == 0 && letter.viaProfileID == nil)
        let later = ScriptedTransport()
        try h.run(later)
        #expect(later.sessionsOpened == 0, "no profile along the chain can send: the letter waits")
    }

    @Test func aPriorityLetterOfABrokenProfileWakesItsReserve() throws {
        try breakShop()
        let waker = RecordingWaker()
        try h.enqueue(priority: true, profile: "Магазин", waker: waker)
        #expect(waker.profiles == [spare])
        let report = try h.run(profile: spare, ScriptedTransport.acceptingAll())
        #expect(report.sent == 1)
    }

    @Test func aDryRunSaysWhatTheReserveWouldCarry() throws {
        try breakShop()
        let id = try h.enqueue(profile: "Магазин")
        let report = try h.run(ScriptedTransport(), dryRun: true)
        #expect(report.plans.joined().contains("as a reserve, would send 1 of other profiles: #\(id)"))
    }
}
