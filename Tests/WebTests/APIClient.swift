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

    func post(_ body: String) -> (Int, [String: JSONValue]) {
        APIClient.post(body, token: token, to: web.app)
    }

    static func post(_ body: String, token: String, to app: AdminApp) -> (Int, [String: JSONValue]) {
        let headers = ["Content-Type": "application/json", "Authorization": "Bearer \(token)"]
        let response = app.handle(
            HTTPRequest(method: "POST", path: "/api/v1/messages", headers: headers, body: Array(body.utf8))
        )
        let json = (try? JSONValue(parsing: response.bodyBytes))?.objectValue ?? [:]
        return (response.status, json)
    }
}
