import Foundation
import MailCore
import MailTestSupport
import Sender
import Synchronization
import Testing

@testable import Storage

/// One profile's pass: what a wake-up starts (`run --profile`), and what a cron run does for each
/// profile. A waker that finds the lock taken counts on the holder to pick its letter up.
@Suite struct ProfilePassTests {
    private static let roomy = ProfileLimits(maxPerDay: 100, intervalMinutes: 0, batchSize: 10, priorityPerDay: 10)

    @Test func aPriorityLetterCommittedDuringTheBatchGoesBeforeItEnds() throws {
        let h = try SenderHarness()
        try h.addProfile("Магазин")
        for number in 1...3 { try h.enqueue("c\(number)@example.com") }
        let transport = ScriptedTransport.acceptingAll()
        let harness = UncheckedHarness(h)
        transport.onSend { count in
            // Its waker would find the lock taken by this run, and start nothing.
            if count == 1 { _ = try? harness.value.enqueue("urgent@example.com", priority: true) }
        }
        let report = try h.run(transport)
        #expect(report.sent == 4)
        #expect(transport.sessionsOpened == 1, "the same connection")
        #expect(transport.sent.map(\.recipient.address).last == "urgent@example.com")
    }

    @Test func aLetterCommittedAsTheTurnEndsIsPickedUpAfterTheLockIsLetGo() throws {
        let h = try SenderHarness()
        try h.addProfile("Магазин")
        try h.enqueue("first@example.com", priority: true)
        let transport = ScriptedTransport.acceptingAll()
        let harness = UncheckedHarness(h)
        let closed = Shared(0)
        transport.onClose {
            // After the turn's last plan, before its lock goes: the waker found it taken.
            if closed.update({ $0 += 1 }) == 1 { _ = try? harness.value.enqueue("late@example.com", priority: true) }
        }
        let report = try h.run(profile: 1, transport)
        #expect(report.sent == 2)
        #expect(transport.sent.map(\.recipient.address) == ["first@example.com", "late@example.com"])
        #expect(transport.sessionsOpened == 2, "a second turn under the lock, taken again")
    }

    @Test func aRunNeverTriesMoreThanItsBatchSize() throws {
        let h = try SenderHarness()
        try h.addProfile(
            "Магазин",
            limits: ProfileLimits(maxPerDay: 100, intervalMinutes: 0, batchSize: 3, priorityPerDay: 50)
        )
        for number in 1...2 { try h.enqueue("c\(number)@example.com", priority: true) }
        let transport = ScriptedTransport.acceptingAll()
        let harness = UncheckedHarness(h)
        transport.onSend { _ in _ = try? harness.value.enqueue("more@example.com", priority: true) }
        #expect(try h.run(profile: 1, transport).sent == 3)
        #expect(
            try h.db.integer("SELECT count(*) FROM letters WHERE status = 'queued'") == 2,
            "the next pass sends them"
        )
    }

    @Test func aWokenPassKeepsThePriorityShareAndTheDailyMaximum() throws {
        let h = try SenderHarness()
        try h.addProfile(
            "Магазин",
            limits: ProfileLimits(maxPerDay: 3, intervalMinutes: 0, batchSize: 10, priorityPerDay: 2)
        )
        for number in 1...3 { try h.enqueue("p\(number)@example.com", priority: true) }
        #expect(try h.run(profile: 1, ScriptedTransport.acceptingAll()).sent == 2, "the priority share")
        try h.enqueue("regular@example.com")
        try h.enqueue("regular2@example.com")
        #expect(try h.run(profile: 1, ScriptedTransport.acceptingAll()).sent == 1, "the daily maximum")
        #expect(try OutboxStore(h.db).sendHistory(profileID: 1, now: h.clock.now()).count == 3)
        h.clock.advance(by: 60)
        #expect(try h.run(profile: 1, ScriptedTransport()).sent == 0)
    }

    @Test func aWokenPassSendsRegularLettersOnlyWhenTheIntervalHasPassed() throws {
        let h = try SenderHarness()
        try h.addProfile(
            "Магазин",
            limits: ProfileLimits(maxPerDay: 100, intervalMinutes: 10, batchSize: 10, priorityPerDay: 10)
        )
        try h.enqueue("regular@example.com")
        #expect(try h.run(ScriptedTransport.acceptingAll()).sent == 1, "cron starts the interval")
        h.clock.advance(by: 60)
        try h.enqueue("regular2@example.com")
        try h.enqueue("urgent@example.com", priority: true)
        let transport = ScriptedTransport.acceptingAll()
        #expect(try h.run(profile: 1, transport).sent == 1)
        #expect(
            transport.sent.map(\.recipient.address) == ["urgent@example.com"],
            "the priority letter skips the interval"
        )
    }

    @Test func aWokenPassSendsNothingThroughABrokenOrPausedProfile() throws {
        let h = try SenderHarness()
        let broken = try h.addProfile("Сломанный", limits: Self.roomy)
        let paused = try h.addProfile("На паузе", limits: Self.roomy)
        try h.enqueue(priority: true, profile: "Сломанный")
        try h.enqueue(priority: true, profile: "На паузе")
        try ProfileStore(h.db).markBroken(id: broken, reply: "535 5.7.8 no", now: h.clock.now())
        try ProfileStore(h.db).pause(
            id: paused,
            until: h.clock.now().addingTimeInterval(600),
            reply: "421",
            now: h.clock.now()
        )
        let transport = ScriptedTransport()
        #expect(try h.run(profile: broken, transport).sent == 0)
        #expect(try h.run(profile: paused, transport).sent == 0)
        #expect(transport.sessionsOpened == 0 && transport.unexpectedSends == 0)
    }

    @Test func aWokenPassThatFindsTheLockTakenLeavesAtOnce() throws {
        let h = try SenderHarness()
        let id = try h.addProfile("Магазин")
        try h.enqueue(priority: true)
        try FileManager.default.createDirectory(atPath: h.locksFolder, withIntermediateDirectories: true)
        let holder = open("\(h.locksFolder)/profile-\(id).lock", O_RDWR | O_CREAT, 0o600)
        defer { close(holder) }
        #expect(flock(holder, LOCK_EX | LOCK_NB) == 0)
        let transport = ScriptedTransport()
        let report = try h.run(profile: id, transport)
        #expect(report.busy == [id] && report.sent == 0 && transport.sessionsOpened == 0)
    }

    @Test func aWokenPassWorksUnderTheLockItWasHandedAndLetsItGo() throws {
        let h = try SenderHarness()
        let id = try h.addProfile("Магазин")
        try h.enqueue(priority: true)
        try FileManager.default.createDirectory(atPath: h.locksFolder, withIntermediateDirectories: true)
        // What a waker hands over: the profile's lock file, locked, as an open descriptor.
        let handed = open("\(h.locksFolder)/profile-\(id).lock", O_RDWR | O_CREAT, 0o600)
        #expect(flock(handed, LOCK_EX | LOCK_NB) == 0)
        #expect(try h.run(profile: id, ScriptedTransport.acceptingAll(), lockDescriptor: handed).sent == 1)
        let after = open("\(h.locksFolder)/profile-\(id).lock", O_RDWR)
        defer { close(after) }
        #expect(flock(after, LOCK_EX | LOCK_NB) == 0, "the pass let the lock go when it ended")
    }

    @Test func aDescriptorThatIsNotTheProfilesLockIsRefused() throws {
        let h = try SenderHarness()
        let id = try h.addProfile("Магазин")
        try h.enqueue(priority: true)
        let other = open(h.test.directory.file("not-a-lock"), O_RDWR | O_CREAT, 0o600)
        let transport = ScriptedTransport()
        let report = try h.run(profile: id, transport, lockDescriptor: other)
        #expect(report.busy == [id] && transport.sessionsOpened == 0)
    }
}

/// Lets a `@Sendable` transport hook reach the (single-threaded) test's harness.
final class UncheckedHarness: @unchecked Sendable {
    // @unchecked: the hooks run on the test's own thread, inside the run the test started.
    let value: SenderHarness

    init(_ value: SenderHarness) {
        self.value = value
    }
}

/// A value a `@Sendable` hook can keep.
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ value: Value) {
        self.value = Mutex(value)
    }

    /// Changes the value and returns the new one.
    @discardableResult
    func update(_ change: @Sendable (inout Value) -> Void) -> Value {
        value.withLock {
            change(&$0)
            return $0
        }
    }

    var current: Value { value.withLock { $0 } }
}
