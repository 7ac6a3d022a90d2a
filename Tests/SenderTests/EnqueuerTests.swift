import Foundation
import MailCore
import MailTestSupport
import Sender
import Storage
import Testing

/// Queuing a letter, and the wake-up a priority letter gives its profile's pass.
@Suite struct EnqueuerTests {
    @Test func aPriorityLetterWakesItsProfileOnceARegularOneNever() throws {
        let h = try SenderHarness()
        try h.addProfile("Магазин")
        let other = try h.addProfile("Рассылка")
        let waker = RecordingWaker()
        try h.enqueue(waker: waker)
        #expect(waker.profiles.isEmpty, "a regular letter waits for cron")
        try h.enqueue(priority: true, profile: "Рассылка", waker: waker)
        #expect(waker.profiles == [other])
    }

    @Test func theEventsPriorityFlagWakesAndARepeatedKeyDoesNot() throws {
        let h = try SenderHarness()
        let shop = try h.addProfile("Магазин", isDefault: true)
        _ = try EventStore(h.db).add(
            StoredEvent(
                code: "password_reset",
                name: "Сброс пароля",
                isPriority: true,
                subject: "Сброс",
                html: "<p>{{code}}</p>",
                sample: #"{"code":"1"}"#,
                updatedAt: h.clock.now()
            )
        )
        let waker = RecordingWaker()
        let enqueuer = Enqueuer(database: h.db, clock: h.clock, waker: waker)
        var request = LetterRequest(event: "password_reset", to: "anna@example.com")
        request.data = .object(["code": .string("1234")])
        request.idempotencyKey = "reset-1"
        guard case .queued = try enqueuer.enqueue(request) else { throw HarnessError() }
        guard case .repeated = try enqueuer.enqueue(request) else { throw HarnessError() }
        #expect(waker.profiles == [shop], "the repeat is the same letter: its pass was woken already")
    }

    @Test func noWakeUpForABrokenOrPausedProfile() throws {
        let h = try SenderHarness()
        let broken = try h.addProfile("Сломанный")
        let paused = try h.addProfile("На паузе")
        try ProfileStore(h.db).markBroken(id: broken, reply: "535 5.7.8 no", now: h.clock.now())
        try ProfileStore(h.db).pause(
            id: paused,
            until: h.clock.now().addingTimeInterval(600),
            reply: "421",
            now: h.clock.now()
        )
        let waker = RecordingWaker()
        try h.enqueue(priority: true, profile: "Сломанный", waker: waker)
        try h.enqueue(priority: true, profile: "На паузе", waker: waker)
        #expect(waker.profiles.isEmpty)
        h.clock.advance(by: 601)
        try h.enqueue(priority: true, profile: "На паузе", waker: waker)
        #expect(waker.profiles == [paused], "a pause that has ended is no pause")
    }

    struct HarnessError: Error {}
}
