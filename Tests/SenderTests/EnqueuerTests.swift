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

    @Test func anEmptyArrayOfDataIsAnEmptyObjectAndToIsNamedFirst() throws {
        let h = try SenderHarness()
        try h.addProfile("Магазин", isDefault: true)
        _ = try EventStore(h.db).add(
            StoredEvent(
                code: "welcome",
                name: "Привет",
                subject: "Привет",
                html: "<p>Привет</p>",
                updatedAt: h.clock.now()
            )
        )
        let enqueuer = Enqueuer(database: h.db, clock: h.clock)
        var request = LetterRequest(event: "welcome", to: "anna@example.com")
        request.data = .array([])
        guard case .queued = try enqueuer.enqueue(request) else { throw HarnessError() }
        request.data = .array([.integer(1)])
        #expect { try enqueuer.enqueue(request) } throws: {
            ($0 as? EnqueueRefusal)?.field == "data"
                && ($0 as? EnqueueRefusal)?.message == "must be an object of template variables"
        }
        request.to = "not an address"
        #expect { try enqueuer.enqueue(request) } throws: { ($0 as? EnqueueRefusal)?.field == "to" }
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

extension EnqueuerTests {
    /// The bounds every caller of `Enqueuer` shares (the API, the CLI, the panel): the letter is
    /// rendered and checked once, here.
    @Suite struct Bounds {
        /// The largest rendered HTML or text part (DESIGN.md: a letter over 1 MiB is refused).
        static let mebibyte = 1_048_576
        let h: SenderHarness

        init() throws {
            h = try SenderHarness()
            try h.addProfile("Магазин")
        }

        private func addEvent(
            _ code: String,
            subject: String = "Заказ {{order}}",
            html: String,
            text: String = ""
        ) throws {
            _ = try EventStore(h.db).add(
                StoredEvent(code: code, name: code, subject: subject, html: html, text: text, updatedAt: h.clock.now())
            )
        }

        private func refusal(_ request: LetterRequest) -> EnqueueRefusal? {
            do {
                _ = try Enqueuer(database: h.db, clock: h.clock).enqueue(request)
                return nil
            } catch {
                return error as? EnqueueRefusal
            }
        }

        private func eventRequest(_ code: String, _ data: [String: JSONValue]) -> LetterRequest {
            var request = LetterRequest(event: code, to: "anna@example.com")
            request.data = .object(data)
            return request
        }

        /// Eleven copies of `big` make the part; `size` is the length of `big`.
        private func repeated(_ size: Int) -> [String: JSONValue] {
            [
                "order": .string("1"), "big": .string(String(repeating: "x", count: size)),
                "r": .array(Array(repeating: .integer(1), count: 11)),
            ]
        }

        @Test func aRenderedBodyOverOneMebibyteIsRefusedNamingThePart() throws {
            try addEvent("huge_html", html: "{{#r}}{{big}}{{/r}}")
            try addEvent("huge_text", html: "<p>x</p>", text: "{{#r}}{{big}}{{/r}}")
            let over = Self.mebibyte / 11 + 1
            #expect(refusal(eventRequest("huge_html", repeated(over)))?.field == "html")
            #expect(refusal(eventRequest("huge_text", repeated(over)))?.field == "text")
            #expect(refusal(eventRequest("huge_html", repeated(over - 1))) == nil, "exactly at the bound it goes in")
            #expect(try OutboxStore(h.db).find(id: 1)?.html.utf8.count == 11 * (over - 1))
        }

        @Test func bytesNotCharactersAreCounted() throws {
            try addEvent("cyrillic", html: "{{#r}}{{big}}{{/r}}")
            var data = repeated(0)
            data["big"] = .string(String(repeating: "ж", count: Self.mebibyte / 22 + 1))
            #expect(refusal(eventRequest("cyrillic", data))?.field == "html")
        }

        @Test func aRenderedSubjectOver998CharactersIsRefused() throws {
            try addEvent("long_subject", html: "<p>x</p>")
            let prefix = "Заказ ".count
            #expect(
                refusal(eventRequest("long_subject", ["order": .string(String(repeating: "9", count: 998 - prefix))]))
                    == nil
            )
            let refused = refusal(
                eventRequest("long_subject", ["order": .string(String(repeating: "9", count: 999 - prefix))])
            )
            #expect(refused?.field == "subject")
            #expect(refused?.message == "the subject is longer than 998 characters")
        }

        @Test func aReadyLetterHasTheSameBounds() {
            var request = LetterRequest(to: "anna@example.com")
            request.subject = "Заказ"
            request.text = "x"
            request.html = String(repeating: "x", count: Self.mebibyte + 1)
            #expect(refusal(request)?.field == "html")
            request.html = nil
            request.text = String(repeating: "x", count: Self.mebibyte + 1)
            #expect(refusal(request)?.field == "text")
        }

        @Test func theVariableThatReachesTheSubjectIsNamed() throws {
            try addEvent("order_note", html: "<p>{{#items}}{{name}}{{/items}}</p>")
            let refused = refusal(
                eventRequest(
                    "order_note",
                    [
                        "items": .array([.object(["name": .string("Чайник\nэлектрический")])]),
                        "order": .string("42\r\nBcc: x@evil.example"),
                    ]
                )
            )
            #expect(refused?.field == "data.order")
        }
    }
}
