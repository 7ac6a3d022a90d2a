import Foundation
import MailCore
import Secrets
import Testing

@testable import Storage
@testable import Web

/// «API-токены» through `AdminApp.handle`: a token is shown once, stored hashed, and revoking
/// it shuts the API to it.
@Suite struct TokenPagesTests {
    let web: WebHarness

    init() throws {
        web = try WebHarness()
        web.logIn()
        try web.createProfile("Магазин")
        try EventStore(web.db).addMissing([
            StoredEvent(
                code: "order_placed",
                name: "Заказ оформлен",
                isBuiltin: true,
                subject: "Заказ",
                html: "<p>Спасибо!</p>",
                updatedAt: web.clock.now()
            )
        ])
    }

    private let letter = #"{"event":"order_placed","to":"anna@example.com"}"#

    /// Creates a token through the page and returns it as shown.
    private func createToken(_ name: String) throws -> String {
        web.get("/tokens")
        let response = web.post("/tokens", [("name", name)])
        #expect(response.status == 200)
        let page = response.text
        let start = try #require(page.range(of: "id=\"new-token-value\" class=\"secret\">"))
        return String(page[start.upperBound...].prefix { $0 != "<" })
    }

    @Test func aNewTokenIsShownOnceAndWorks() throws {
        let token = try createToken("shop.example")
        #expect(token.hasPrefix("mr_") && token.count == 46)
        let stored = try #require(try TokenStore(web.db).all().first)
        #expect(stored.name == "shop.example")
        #expect(try TokenStore(web.db).active(digest: TokenDigest.hex(token))?.id == stored.id)
        #expect(
            try web.db.integer("SELECT count(*) FROM api_tokens WHERE token_hash = ?", [token]) == 0,
            "stored hashed"
        )
        #expect(web.lastPage.contains("Authorization: Bearer \(token)"))
        #expect(web.lastPage.contains("больше он показан не будет"))

        let list = web.get("/tokens").text
        #expect(!list.contains(token), "never shown again")
        #expect(
            list.contains("shop.example") && list.contains("Активен") && list.contains("01.12.2026 12:00"),
            "created time in the shop's zone (Moscow)"
        )
        #expect(!list.contains("id=\"new-token\""))

        web.clock.advance(by: 20 * 60)
        #expect(APIClient.post(letter, token: token, to: web.app).0 == 201)
        #expect(
            web.get("/tokens").text.contains("<td>01.12.2026 12:00</td><td>01.12.2026 12:20</td>"),
            "last use shown"
        )
    }

    @Test func revokingAsksFirstThenTheAPIRefusesTheToken() throws {
        let token = try createToken("shop")
        let id = try #require(try TokenStore(web.db).all().first?.id)
        #expect(web.get("/tokens").text.contains("href=\"/tokens/\(id)/revoke\""))
        let confirm = web.get("/tokens/\(id)/revoke")
        #expect(confirm.status == 200)
        #expect(confirm.text.contains("Отозвать этот токен?") && confirm.text.contains("«shop»"))
        #expect(try TokenStore(web.db).find(id: id)?.revokedAt == nil, "asking changes nothing")

        web.clock.advance(by: 120)
        let response = web.post("/tokens/\(id)/revoke", [])
        #expect(response.status == 303)
        #expect(response.header("Location") == "/tokens")
        let list = web.get("/tokens").text
        #expect(list.contains("Токен «shop» отозван."))
        #expect(!web.get("/tokens").text.contains("отозван."), "a reload does not repeat the message")
        #expect(list.contains("Отозван 01.12.2026 12:02"))
        #expect(!list.contains("href=\"/tokens/\(id)/revoke\""))
        #expect(APIClient.post(letter, token: token, to: web.app).0 == 401)
        #expect(web.get("/tokens/\(id)/revoke").status == 303, "a revoked token has nothing to confirm")
    }

    @Test func englishPagesQuoteTheTokensNameTheEnglishWay() throws {
        web.get("/lang?to=en")
        _ = try createToken("crm <b>")
        #expect(web.lastPage.contains("<h2>Token “crm &lt;b&gt;” created</h2>"))
        let id = try #require(try TokenStore(web.db).all().first?.id)
        let confirm = web.get("/tokens/\(id)/revoke").text
        #expect(confirm.contains("<p class=\"profile-name\">“crm &lt;b&gt;”</p>"))
        web.post("/tokens/\(id)/revoke", [])
        #expect(web.get("/tokens").text.contains("Token “crm &lt;b&gt;” revoked."))
        for page in [confirm, web.lastPage] { #expect(!page.contains("«") && !page.contains("»")) }
    }

    @Test func revokingNeedsTheFormsToken() throws {
        let token = try createToken("shop")
        let id = try #require(try TokenStore(web.db).all().first?.id)
        #expect(web.post("/tokens/\(id)/revoke", [], csrf: "forged").status == 403)
        #expect(APIClient.post(letter, token: token, to: web.app).0 == 201)
    }

    @Test(arguments: [
        ("", "Название: от 1 до 100 символов"),
        (String(repeating: "x", count: 101), "Название: от 1 до 100 символов"),
        ("a\u{1}b", "Название: от 1 до 100 символов"),
        ("taken", "Токен с таким названием уже есть."),
    ])
    func badNamesAreRefused(name: String, message: String) throws {
        _ = try TokenStore(web.db).add(name: "taken", digest: TokenDigest.hex("x"), now: web.clock.now())
        web.get("/tokens")
        let response = web.post("/tokens", [("name", name)])
        #expect(response.status == 422)
        let error = try #require(response.text.range(of: "id=\"e-token-name\">"))
        #expect(response.text[error.upperBound...].hasPrefix(message))
        #expect(!response.text.contains("id=\"new-token-value\""))
        #expect(try TokenStore(web.db).all().count == 1)
    }

    @Test func pagesAnswerOnlyTheirAddresses() {
        #expect(web.get("/tokens/999/revoke").status == 404)
        #expect(web.get("/tokens/abc/revoke").status == 404)
        #expect(web.get("/tokens/export.xlsx").status == 200)
        web.get("/tokens")
        #expect(web.post("/tokens/999/revoke", []).status == 404)
    }

    @Test func tokenPagesNeedALogin() throws {
        let other = try WebHarness()
        let response = other.get("/tokens")
        #expect(response.status == 303)
        #expect(response.header("Location")?.hasPrefix("/login") == true)
    }

    @Test func thePageGivesTheFullAddressACopyButtonAndSaysWhenATokenWasNeverUsed() throws {
        web.host = "127.0.0.1:8080"
        let token = try createToken("shop.example")
        #expect(web.lastPage.contains("<code id=\"api-endpoint\">POST http://127.0.0.1:8080/api/v1/messages</code>"))
        #expect(web.lastPage.contains("POST http://127.0.0.1:8080/api/v1/messages\nAuthorization: Bearer \(token)"))
        #expect(web.lastPage.contains("data-copy=\"new-token-value\""), "the button JavaScript shows")
        #expect(web.lastPage.contains(">Копировать</button>"))
        #expect(web.get("/tokens").text.contains("<td>ещё не использовался</td>"))
        #expect(TokenListPage.endpoint(host: "shop.example", isHTTPS: true) == "https://shop.example/api/v1/messages")
        #expect(TokenListPage.endpoint(host: "evil\"><script>", isHTTPS: false) == "/api/v1/messages")
        #expect(TokenListPage.endpoint(host: nil, isHTTPS: false) == "/api/v1/messages")
    }
}
