import Foundation
import HTTPCore
import MailCore
import MailTestSupport
import Secrets
import Testing

@testable import Storage

/// `GET /metrics` through `AdminApp.handle`: the Prometheus text, for an API token only.
@Suite struct MetricsTests {
    @Test func readableWithATokenOnly() throws {
        let web = try WebHarness()
        web.logIn()
        try web.createProfile("Магазин")
        let token = "metrics-token-0123456789"
        _ = try TokenStore(web.db).add(name: "prometheus", digest: TokenDigest.hex(token), now: web.clock.now())
        func get(_ authorization: String?) -> HTTPResponse {
            var headers: HTTPFields = [:]
            if let authorization { headers[.authorization] = authorization }
            return web.app.handle(HTTPRequest(method: .get, path: "/metrics", headers: headers))
        }
        #expect(get(nil).status == .unauthorized)
        #expect(get("Bearer nope").status == .unauthorized)
        let answer = get("Bearer \(token)")
        #expect(answer.status == .ok)
        #expect(answer.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        let text = answer.text
        #expect(text.contains(#"mailrobot_profile_state{profile="Магазин",state="unchecked"} 1"#))
        #expect(text.contains(#"mailrobot_queue_depth{class="regular",profile="Магазин"} 0"#))
        #expect(text.contains("mailrobot_last_pass_timestamp_seconds 0"))
        let post = web.app.handle(
            HTTPRequest(method: .post, path: "/metrics", headers: [.authorization: "Bearer \(token)"])
        )
        #expect(post.status == .methodNotAllowed)
    }
}
