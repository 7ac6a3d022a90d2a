import Foundation
import MailCore
import MailTestSupport
import SMTP
import Testing

/// libcurl's webhook POST against a real HTTP server on 127.0.0.1.
@Suite(.serialized) struct CurlWebhookPosterTests {
    @Test func postsJSONAndReadsTheStatus() throws {
        let server = try WebhookTestServer()
        let url = try WebhookURL(parsing: "http://127.0.0.1:\(server.port)/bot123:ABC/sendMessage?chat_id=42")
        let json = #"{"text":"профиль «Магазин»: ошибка входа"}"#
        let outcome = try CurlWebhookPoster().post(json, to: url)
        #expect(outcome == .answered(status: 200, excerpt: #"{"ok": true}"#))
        let request = try #require(try server.requests().first)
        #expect(request.path == "/bot123:ABC/sendMessage?chat_id=42")
        #expect(request.body == json)
        #expect(request.headers["Content-Type"] == "application/json; charset=utf-8")
    }

    @Test func refusalIsAnAnswerNotAnAcceptance() throws {
        let server = try WebhookTestServer(status: 400)
        let outcome = try CurlWebhookPoster().post("{}", to: WebhookURL(parsing: "http://127.0.0.1:\(server.port)/"))
        #expect(outcome == .answered(status: 400, excerpt: #"{"ok": false}"#))
        #expect(!outcome.isAccepted)
    }

    @Test func silentServerIsCutByTheTimeout() throws {
        let server = try WebhookTestServer(delayMilliseconds: 5_000)
        let started = ContinuousClock.now
        let outcome = try CurlWebhookPoster(timeoutSeconds: 1).post(
            "{}",
            to: WebhookURL(parsing: "http://127.0.0.1:\(server.port)/")
        )
        guard case .failed(let reason) = outcome else {
            Issue.record("expected a timeout, got \(outcome)")
            return
        }
        #expect(reason.lowercased().contains("timed out") || reason.lowercased().contains("timeout"))
        #expect(ContinuousClock.now - started < .seconds(4))
    }

    @Test func closedPortFailsWithAReasonWithoutThePath() throws {
        let outcome = try CurlWebhookPoster().post("{}", to: WebhookURL(parsing: "http://127.0.0.1:9/secret-token/x"))
        guard case .failed(let reason) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(!reason.isEmpty && !reason.contains("secret-token"))
    }
}
