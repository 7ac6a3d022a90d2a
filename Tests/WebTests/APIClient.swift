import Foundation
import HTTPCore
import MailCore
import Secrets
import Storage
import Web

/// Calls `POST /api/v1/messages` of the harness's app with a fresh token.
struct APIClient {
    let web: WebHarness
    let token: String

    init(_ web: WebHarness, token: String = "test-token-events") throws {
        self.web = web
        self.token = token
        _ = try TokenStore(web.db).add(name: "shop-\(token)", digest: TokenDigest.hex(token), now: web.clock.now())
    }

    func post(_ body: String) -> (status: Int, json: [String: JSONValue], contentType: String?) {
        APIClient.post(body, token: token, to: web.app)
    }

    static func post(
        _ body: String,
        token: String,
        contentType: String = "application/json",
        to app: AdminApp
    ) -> (status: Int, json: [String: JSONValue], contentType: String?) {
        let headers: HTTPFields = [.contentType: contentType, .authorization: "Bearer \(token)"]
        let response = app.handle(
            HTTPRequest(method: .post, path: "/api/v1/messages", headers: headers, body: Array(body.utf8))
        )
        let json = (try? JSONValue(parsing: response.bodyBytes))?.objectValue ?? [:]
        return (response.status.code, json, response.header("Content-Type"))
    }
}
