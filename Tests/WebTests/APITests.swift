import Foundation
import HTTPCore
import MailCore
import MailTestSupport
import Secrets
import Testing

@testable import Storage

/// `POST /api/v1/messages` through `AdminApp.handle`.
@Suite struct APITests {
    let web: WebHarness
    let token = "test-token-0123456789"

    init() throws {
        web = try WebHarness()
        web.logIn()
        try web.createProfile("Магазин")
        _ = try TokenStore(web.db).add(name: "shop", digest: TokenDigest.hex(token), now: web.clock.now())
        try EventStore(web.db).addMissing([
            StoredEvent(
                code: "order_placed",
                name: "Заказ оформлен",
                isBuiltin: true,
                subject: "Заказ №{{order_number}}",
                html: "<p>{{customer_name}}, спасибо!</p>",
                sample: #"{"order_number":"1","customer_name":"Анна"}"#,
                updatedAt: web.clock.now()
            )
        ])
    }

    private func post(
        _ body: String,
        token: String? = nil,
        contentType: String = "application/json"
    ) -> (Int, [String: JSONValue]) {
        let answer = APIClient.post(body, token: token ?? self.token, contentType: contentType, to: web.app)
        #expect(answer.contentType == "application/json")
        return (answer.status, answer.json)
    }

    private func errorField(_ json: [String: JSONValue]) -> String? {
        json["error"]?.objectValue?["field"]?.stringValue
    }

    @Test func queuesARenderedLetter() throws {
        let (status, json) = post(
            #"{"event":"order_placed","to":"anna@example.com","to_name":"Анна","data":{"order_number":"42","customer_name":"Анна <b>"}}"#
        )
        #expect(status == 201)
        #expect(json["status"] == .string("queued"))
        guard case .integer(let id) = json["id"] else {
            Issue.record("no id")
            return
        }
        let letter = try #require(try OutboxStore(web.db).find(id: id))
        #expect(letter.subject == "Заказ №42")
        #expect(letter.html == "<p>Анна &lt;b&gt;, спасибо!</p>")
        #expect(letter.text == "Анна <b>, спасибо!")
        #expect(letter.messageID.hasSuffix("@example.com"))
    }

    @Test func repeatedIdempotencyKeyGivesTheSameID() {
        let body =
            #"{"event":"order_placed","to":"a@example.com","data":{"order_number":"1","customer_name":"A"},"idempotency_key":"order-1"}"#
        let first = post(body)
        let second = post(body)
        #expect(first.0 == 201 && second.0 == 200)
        #expect(first.1["id"] == second.1["id"])
    }

    @Test func disabledEventIsSkipped() throws {
        try web.db.execute("UPDATE events SET enabled = 0")
        let (status, json) = post(
            #"{"event":"order_placed","to":"a@example.com","data":{"order_number":"1","customer_name":"A"}}"#
        )
        #expect(status == 200 && json["status"] == .string("skipped"))
        #expect(try web.db.integer("SELECT count(*) FROM letters") == 0)
    }

    @Test(arguments: [
        (#"{"event":"order_placed","to":"not-an-address","data":{"order_number":"1","customer_name":"A"}}"#, "to"),
        (#"{"event":"nope","to":"a@example.com"}"#, "event"),
        (#"{"to":"a@example.com"}"#, "event"),
        (#"{"event":"order_placed","data":{}}"#, "to"),
        (#"{"event":"order_placed","to":"a@example.com","data":{"order_number":"1"}}"#, "data.customer_name"),
        (#"{"event":"order_placed","to":"a@example.com","data":[1]}"#, "data"),
        (#"{"event":"order_placed","to":"a@example.com","data":"x"}"#, "data"),
        (#"{"event":"order_placed","to":"not-an-address","data":[1]}"#, "to"),
        (#"{"event":"order_placed","to":"","data":"x"}"#, "to"),
        (#"{"event":"order_placed","to":"a@example.com","priority":"yes","data":{}}"#, "priority"),
        (#"{"event":42,"to":"a@example.com"}"#, "event"),
        (
            #"{"event":"order_placed","to":"a@example.com","profile":"Нет такого","data":{"order_number":"1","customer_name":"A"}}"#,
            "profile"
        ),
        (
            #"{"event":"order_placed","to":"a@example.com","to_name":"A\r\nBcc: x@evil.example","data":{"order_number":"1","customer_name":"A"}}"#,
            "to_name"
        ),
        (
            #"{"event":"order_placed","to":"a@example.com","data":{"order_number":"1\r\nBcc: x@evil.example","customer_name":"A"}}"#,
            "data.order_number"
        ),
        (
            #"{"event":"order_placed","to":"a@example.com","idempotency_key":"has space","data":{"order_number":"1","customer_name":"A"}}"#,
            "idempotency_key"
        ),
        (#"{"event":"order_placed","to":"a@example.com","colour":"red"}"#, "colour"),
    ])
    func badFieldsAreNamed(body: String, field: String) throws {
        let (status, json) = post(body)
        #expect(status == 422, "\(body)")
        #expect(errorField(json) == field)
        #expect(try web.db.integer("SELECT count(*) FROM letters") == 0)
    }

    @Test(arguments: [
        (nil, "missing variable customer_name of event order_placed"),
        ("en-US,en;q=0.9", "missing variable customer_name of event order_placed"),
        ("ru", "нет переменной customer_name, которую ждёт событие order_placed"),
        ("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "нет переменной customer_name, которую ждёт событие order_placed"),
        ("en;q=0.5, ru;q=0.8", "нет переменной customer_name, которую ждёт событие order_placed"),
    ])
    func aMissingVariableIsSaidInTheAskedLanguage(acceptLanguage: String?, message: String) throws {
        var headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
        if let acceptLanguage { headers[.acceptLanguage] = acceptLanguage }
        let body = #"{"event":"order_placed","to":"a@example.com","data":{"order_number":"1"}}"#
        let response = web.app.handle(
            HTTPRequest(method: .post, path: "/api/v1/messages", headers: headers, body: Array(body.utf8))
        )
        #expect(response.status.code == 422)
        let json = try #require((try? JSONValue(parsing: response.bodyBytes))?.objectValue)
        #expect(json["error"]?.objectValue?["message"]?.stringValue == message)
        #expect(json["error"]?.objectValue?["field"]?.stringValue == "data.customer_name")
    }

    @Test(arguments: [
        (#"{"event":"order_placed","to":"anna","data":{}}"#, "to", "Адрес должен иметь вид имя@домен."),
        (#"{"event":"no_such","to":"a@example.com"}"#, "event", "нет события «no_such»"),
        (#"{"event":"order_placed","to":"a@example.com","profile":"Нет"}"#, "profile", "нет профиля «Нет»"),
        (#"{"to":"a@example.com"}"#, "event", "обязательное поле"),
        (
            #"{"event":"order_placed","to":"a@example.com","priority":"yes"}"#, "priority",
            "ожидается true или false, а пришло: string"
        ),
        (#"{"event":"order_placed","to":"a@example.com","colour":"red"}"#, "colour", "неизвестное поле"),
        (
            #"{"event":"order_placed","to":"a@example.com","to_name":"A\nB","data":{}}"#, "to_name",
            "переводы строк и управляющие символы недопустимы"
        ),
    ])
    func everyRefusalIsRussianToARussianClient(body: String, field: String, message: String) throws {
        let headers: HTTPFields = [
            .contentType: "application/json", .authorization: "Bearer \(token)", .acceptLanguage: "ru-RU,ru;q=0.9",
        ]
        let response = web.app.handle(
            HTTPRequest(method: .post, path: "/api/v1/messages", headers: headers, body: Array(body.utf8))
        )
        #expect(response.status.code == 422, "\(body)")
        let json = try #require((try? JSONValue(parsing: response.bodyBytes))?.objectValue)
        #expect(json["error"]?.objectValue?["field"]?.stringValue == field)
        #expect(json["error"]?.objectValue?["message"]?.stringValue == message)
    }

    @Test(arguments: ["", "{", "[]", "\"x\"", "{\"to\":}"])
    func malformedJSONIs400(body: String) {
        let (status, json) = post(body)
        #expect(status == 400)
        #expect(json["error"]?.objectValue?["code"] == .string("malformed_json"))
    }

    @Test func tokenIsRequired() throws {
        #expect(post("{}", token: "wrong").0 == 401)
        let noHeader = web.app.handle(
            HTTPRequest(
                method: .post,
                path: "/api/v1/messages",
                headers: [.contentType: "application/json"],
                body: Array("{}".utf8)
            )
        )
        #expect(noHeader.status == 401)
        #expect(noHeader.header("WWW-Authenticate") != nil)
        let id = try #require(try TokenStore(web.db).all().first?.id)
        try TokenStore(web.db).revoke(id: id, now: web.clock.now())
        #expect(
            post(#"{"event":"order_placed","to":"a@example.com","data":{"order_number":"1","customer_name":"A"}}"#).0
                == 401
        )
    }

    @Test func oversizeBodyIs413AndWrongTypeIs415() {
        #expect(post("{\"to\":\"" + String(repeating: "a", count: 300_000) + "\"}").0 == 413)
        #expect(post("{}", contentType: "text/plain").0 == 415)
    }

    @Test func getIs405() {
        let response = web.app.handle(
            HTTPRequest(method: .get, path: "/api/v1/messages", headers: [.authorization: "Bearer \(token)"])
        )
        #expect(response.status == 405)
    }
}
