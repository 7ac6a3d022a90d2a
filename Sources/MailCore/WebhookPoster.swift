/// Carries a JSON body to a webhook (`POST`, `Content-Type: application/json`), bounded by a
/// timeout. The one seam between the alerts and the network: the sender gets libcurl's poster,
/// tests a local server or a recording fake.
public protocol WebhookPoster: Sendable {
    /// POSTs `json` to `url`; never throws: the outcome says what happened.
    func post(_ json: String, to url: WebhookURL) -> WebhookOutcome
}

/// What became of a webhook POST.
public enum WebhookOutcome: Sendable, Equatable {
    /// The server answered with this HTTP status (2xx: accepted); `excerpt`: the start of its
    /// body, as one line.
    case answered(status: Int, excerpt: String)
    /// No answer: the connection, TLS or the timeout failed; `reason` says which (no secret in it).
    case failed(reason: String)

    /// True for a 2xx answer.
    public var isAccepted: Bool {
        if case .answered(let status, _) = self { return (200..<300).contains(status) }
        return false
    }
}
