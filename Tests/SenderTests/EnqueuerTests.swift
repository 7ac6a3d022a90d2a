import Foundation
import MailCore
import MailTestSupport
import Sender
import Storage
import Testing

/// The bounds every caller of `Enqueuer` shares (the API, the CLI, the panel): the letter is
/// rendered and checked once, here.
@Suite struct EnqueuerTests {
    /// The largest rendered HTML or text part (DESIGN.md: a letter over 1 MiB is refused).
    static let mebibyte = 1_048_576
    let h: SenderHarness

    init() throws {
        h = try SenderHarness()
        try h.addProfile("Магазин")
    }

    private func addEvent(_ code: String, subject: String = "Заказ {{order}}", html: String, text: String = "") throws {
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
