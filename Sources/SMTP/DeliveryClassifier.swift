import MailCore

/// How libcurl said a transfer ended, grouped the way the classification needs it.
enum CurlOutcome: Equatable {
    case ok
    /// `CURLE_COULDNT_RESOLVE_HOST`.
    case couldNotResolve
    /// `CURLE_COULDNT_CONNECT`.
    case couldNotConnect
    /// `CURLE_OPERATION_TIMEDOUT`: the connect, a reply or the whole letter took too long.
    case timedOut
    /// `CURLE_SSL_*`, `CURLE_PEER_FAILED_VERIFICATION`, `CURLE_USE_SSL_FAILED` (STARTTLS missing
    /// or refused).
    case tls
    /// `CURLE_LOGIN_DENIED`.
    case loginDenied
    /// Anything else, above all `CURLE_SEND_ERROR` (every refused command), `CURLE_RECV_ERROR`
    /// (a bad reply to the final dot, a closed connection) and `CURLE_GOT_NOTHING`: the server's
    /// reply and the step decide.
    case failed
}

/// Decides a letter's result from libcurl's outcome and what the server said, where.
///
/// The reply decides, not the libcurl code: libcurl reports a refused `MAIL`, `RCPT` or `DATA`
/// alike. A `421` is the server closing the channel (RFC 5321 §3.8), so it is a lost connection
/// at whatever step it came; a `530` is the server asking for a login (or STARTTLS) first, an
/// auth failure at whatever command it came. `connectionLost` carries the last reply only when it is a refusal
/// (4xx/5xx): a `250` or `354` before the line went dead must never read as success.
enum DeliveryClassifier {
    /// - Parameters:
    ///   - detail: libcurl's error text, for the failures that have no server reply.
    ///   - responseCode: `CURLINFO_RESPONSE_CODE`, used when no complete reply was recorded.
    ///   - dataSent: the whole message was handed to libcurl before the failure.
    ///   - replySeconds: the limit on each server reply, for a timeout libcurl does not time.
    static func result(
        _ outcome: CurlOutcome,
        detail: String,
        facts: DialogueRecorder.Facts,
        responseCode: Int,
        dataSent: Bool,
        replySeconds: Int? = nil
    ) -> DeliveryResult {
        let reply = facts.reply ?? (responseCode > 0 ? SMTPReply(code: responseCode, text: "") : nil)
        let refusal = reply.flatMap { $0.code >= 400 ? $0 : nil }
        let failure: SMTPFailure
        switch outcome {
        case .ok:
            return .sent(reply: reply ?? SMTPReply(code: 250, text: ""))
        case .couldNotResolve:
            failure = .dns(detail: detail)
        case .couldNotConnect:
            failure = .connect(detail: detail)
        case .timedOut where detail.hasPrefix("Resolving timed out"):
            failure = .dns(detail: detail)
        case .timedOut where facts.step == .connect:
            failure = .connect(detail: detail)
        case .timedOut:
            failure = .timeout(step: facts.step, seconds: LocalProblem.seconds(in: detail) ?? replySeconds)
        case .tls where saysConnectionDropped(detail):
            // A reset or EOF mid-handshake is the network's (a load balancer's) doing, not the
            // profile's: retried, not marked broken.
            failure = .connectionLost(step: .tls, reply: nil)
        case .tls:
            failure = .tls(detail: detail)
        case .loginDenied:
            failure = .auth(reply: refusal)
        case .failed:
            failure = refused(refusal, at: facts.step)
        }
        return .failed(failure, dataSent: dataSent)
    }

    /// A refusal at `step`, or the connection lost there.
    private static func refused(_ refusal: SMTPReply?, at step: SMTPStep) -> SMTPFailure {
        guard let refusal, refusal.code != 421 else { return .connectionLost(step: step, reply: refusal) }
        if refusal.code == 530 { return .auth(reply: refusal) }
        switch step {
        case .sender: return .senderRefused(reply: refusal)
        case .recipient: return .recipientRefused(reply: refusal)
        case .data: return .dataRefused(reply: refusal)
        case .auth: return .auth(reply: refusal)
        case .tls where refusal.code < 500:
            // `454 TLS not available due to temporary reason` (RFC 3207): try again later.
            return .connectionLost(step: .tls, reply: refusal)
        case .tls: return .tls(detail: refusal.description)
        case .dns, .connect, .greeting: return .connectionLost(step: .greeting, reply: refusal)
        }
    }

    /// libcurl's words for a connection that went away during the TLS handshake, as opposed to a
    /// handshake the server refused (certificate, protocol version, cipher).
    static func saysConnectionDropped(_ detail: String) -> Bool {
        let text = detail.lowercased()
        let dropped = [
            "connection reset", "recv failure", "send failure", "ssl_error_syscall", "unexpected eof",
            "connection was reset", "broken pipe",
        ]
        let refused = ["certificate", "wrong version number", "alert", "verify", "cipher", "protocol"]
        return dropped.contains { text.contains($0) } && !refused.contains { text.contains($0) }
    }
}
