import HTTPCore
import Sender
import Storage

/// `GET /metrics`: letters by status and profile, sends in the rolling 24 hours, the queue, each
/// profile's state and the sender's last pass, in the Prometheus text format
/// (docs/monitoring.md), for whoever holds an API token. Reads only: the token's "last used" is
/// left to the API's writes.
enum MetricsController {
    static func show(_ context: RequestContext) throws -> HTTPResponse {
        guard try APIController.authenticatedToken(context) != nil else { return APIResponse.unauthorized() }
        let report = try StatusReport(database: context.db, now: context.now)
        let text = MetricsText.render(report, letters: try MonitoringStore(context.db).letterCounts())
        return HTTPResponse(contentType: MetricsText.contentType, text: text)
    }
}
