import Foundation
import HTTPCore
import MailCore
import MailTestSupport
import Testing

@testable import Storage

/// The forecast in the API: `expected_at` in the answer to `POST /api/v1/messages`, and
/// `GET /api/v1/messages/{id}`.
@Suite struct MessageStatusAPITests {
    let web: WebHarness
    let api: APIClient

    init() throws {
        web = try WebHarness()
        web.logIn()
        // 100 a day (10 reserved for priority letters), interval 5, batch 10.
        try web.createProfile("Магазин")
        api = try APIClient(web)
        try EventStore(web.db).addMissing([
            StoredEvent(
                code: "order_placed",
                name: "Заказ оформлен",
                isBuiltin: true,
                subject: "Заказ",
                html: "<p>Спасибо!</p>",
                sample: "{}",
                updatedAt: web.clock.now()
            )
        ])
    }

    private func get(_ path: String, token: String? = nil) -> (status: Int, json: [String: JSONValue]) {
        let response = web.app.handle(
            HTTPRequest(method: .get, path: path, headers: [.authorization: "Bearer \(token ?? api.token)"])
        )
        #expect(response.header("Content-Type") == "application/json")
        return (response.status.code, (try? JSONValue(parsing: response.bodyBytes))?.objectValue ?? [:])
    }

    @Test func eachQueuedLetterSaysWhenItLeaves() throws {
        let answers = (0..<12).map { api.post(#"{"event":"order_placed","to":"c\#($0)@example.com"}"#) }
        #expect(answers.allSatisfy { $0.status == 201 })
        // Ten in the run at 12:00 Moscow time (now), the next two after the five-minute interval.
        #expect(answers[9].json["expected_at"] == .string("2026-12-01T09:00:00Z"))
        #expect(answers[10].json["expected_at"] == .string("2026-12-01T09:05:00Z"))

        guard case .integer(let id) = answers[11].json["id"] else {
            Issue.record("no id")
            return
        }
        let status = get("/api/v1/messages/\(id)")
        #expect(status.status == 200)
        #expect(status.json["id"] == .integer(id))
        #expect(status.json["status"] == .string("queued"))
        #expect(status.json["attempts"] == .integer(0))
        #expect(status.json["expected_at"] == .string("2026-12-01T09:05:00Z"))
        #expect(status.json["profile"] == .string("Магазин"))
        #expect(status.json["last_reply"] == .string(""))

        try ProfileStore(web.db).markBroken(id: 1, reply: "535 5.7.8 no", now: web.clock.now())
        #expect(get("/api/v1/messages/\(id)").json["expected_at"] == .null, "a broken profile sends nothing")
    }

    @Test func unknownLettersAndTokensAreRefusedInJSON() throws {
        let missing = get("/api/v1/messages/999")
        #expect(missing.status == 404)
        #expect(missing.json["error"]?.objectValue?["field"] == .string("id"))
        #expect(get("/api/v1/messages/1", token: "wrong").status == 401)
    }
}
