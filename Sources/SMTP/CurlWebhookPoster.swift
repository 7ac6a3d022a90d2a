import CCurl
import CCurlShim
public import MailCore

/// POSTs alerts to a webhook with libcurl: `http` or `https` only (no redirect is followed),
/// the peer's certificate verified, the whole exchange bounded by `timeoutSeconds`. One handle
/// per POST: alerts are rare.
public struct CurlWebhookPoster: WebhookPoster {
    /// The limit of the whole POST, connection included (the connection alone: at most 5 s).
    public let timeoutSeconds: Int
    private let extraCertificates: [UInt8]?

    /// - Parameters:
    ///   - caFile: a PEM bundle of extra CA certificates, trusted in addition to the system store
    ///     (as for SMTP: `MAILROBOT_CA_FILE`, `--ca-file`).
    ///   - timeoutSeconds: the limit of one POST.
    public init(caFile: String? = nil, timeoutSeconds: Int = 10) throws(CurlSMTPTransport.CAFileError) {
        self.timeoutSeconds = max(1, timeoutSeconds)
        extraCertificates = try caFile.map { path throws(CurlSMTPTransport.CAFileError) in
            try CABundle.extraCertificates(at: path)
        }
    }

    public func post(_ json: String, to url: WebhookURL) -> WebhookOutcome {
        do {
            let easy = try CurlEasy()
            let sink = ResponseSink()
            try easy.set(CURLOPT_URL, url.text)
            try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
            try easy.set(CURLOPT_NOSIGNAL, 1)
            try easy.set(CURLOPT_CONNECTTIMEOUT, min(5, timeoutSeconds))
            try easy.set(CURLOPT_TIMEOUT, timeoutSeconds)
            try easy.set(CURLOPT_USERAGENT, "mailrobot")
            try easy.setHeaders(["Content-Type: application/json; charset=utf-8", "Expect:"])
            try easy.set(CURLOPT_POSTFIELDSIZE, json.utf8.count)
            try easy.set(CURLOPT_COPYPOSTFIELDS, json)
            try easy.collectResponse(into: sink)
            if let extraCertificates {
                try easy.set(CURLOPT_CAINFO_BLOB, blob: CABundle.systemStore(adding: extraCertificates))
            }
            let (outcome, detail) = easy.perform()
            guard case .ok = outcome else { return .failed(reason: detail) }
            return .answered(status: easy.responseCode, excerpt: sink.text)
        } catch {
            return .failed(reason: error.description)
        }
    }
}
