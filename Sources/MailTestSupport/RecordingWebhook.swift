public import MailCore
import Synchronization

/// A `WebhookPoster` that keeps what it was given and answers as told.
public final class RecordingWebhook: WebhookPoster {
    private let posts = Mutex<[(url: String, json: String)]>([])
    private let answer: WebhookOutcome

    public init(answer: WebhookOutcome = .answered(status: 200, excerpt: "{\"ok\":true}")) {
        self.answer = answer
    }

    public func post(_ json: String, to url: WebhookURL) -> WebhookOutcome {
        posts.withLock { $0.append((url.text, json)) }
        return answer
    }

    /// The bodies posted, in order, parsed.
    public var bodies: [[String: JSONValue]] {
        posts.withLock { $0 }.compactMap { try? JSONValue(parsing: Array($0.json.utf8)).objectValue }
    }

    public var urls: [String] { posts.withLock { $0.map(\.url) } }
}
