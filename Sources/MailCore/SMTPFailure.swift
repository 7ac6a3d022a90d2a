/// The step of the SMTP dialogue where something went wrong.
public enum SMTPStep: String, Sendable, CaseIterable {
    case dns
    case connect
    case tls
    case greeting
    case auth
    case sender
    case recipient
    case data
}

/// Why a letter did not go, at the step where it stopped.
public enum SMTPFailure: Error, Sendable, Equatable {
    /// The server name does not resolve.
    case dns(detail: String)
    /// No TCP connection (refused, unreachable, or no answer within the connect timeout).
    case connect(detail: String)
    /// The TLS handshake failed: untrusted certificate, wrong host name, STARTTLS not offered,
    /// or TLS spoken to a plain port and the reverse (libcurl's words); or the server refused
    /// STARTTLS, and `detail` is its reply (`554 5.7.0 TLS not available`).
    case tls(detail: String)
    /// The server refused the login (or requires something before it, such as TLS).
    case auth(reply: SMTPReply?)
    /// `MAIL FROM` refused.
    case senderRefused(reply: SMTPReply)
    /// `RCPT TO` refused.
    case recipientRefused(reply: SMTPReply)
    /// `DATA` or the message itself refused.
    case dataRefused(reply: SMTPReply)
    /// The server stopped answering during `step`, after `seconds` (when known) of silence.
    case timeout(step: SMTPStep, seconds: Int? = nil)
    /// The connection closed during `step`; `reply` is the last thing the server said (421 …).
    case connectionLost(step: SMTPStep, reply: SMTPReply?)
    /// The robot did not connect: the host resolved only to `address`, which is not public
    /// (`scope`), and the profile is not allowed to reach private hosts.
    case addressNotAllowed(address: String, scope: AddressScope)
    /// The robot did not connect: SSL «Нет» would send the login in clear text, and the profile
    /// does not allow that («Разрешить пароль без шифрования»).
    case clearTextLoginNotAllowed

    /// The step where the dialogue stopped.
    public var step: SMTPStep {
        switch self {
        case .dns: .dns
        case .connect, .addressNotAllowed: .connect
        case .clearTextLoginNotAllowed: .auth
        case .tls: .tls
        case .auth: .auth
        case .senderRefused: .sender
        case .recipientRefused: .recipient
        case .dataRefused: .data
        case .timeout(let step, _), .connectionLost(let step, _): step
        }
    }

    /// The server's reply that ended the dialogue, if there was one.
    public var reply: SMTPReply? {
        switch self {
        case .dns, .connect, .tls, .timeout, .addressNotAllowed, .clearTextLoginNotAllowed: nil
        case .auth(let reply), .connectionLost(_, let reply): reply
        case .senderRefused(let reply), .recipientRefused(let reply), .dataRefused(let reply): reply
        }
    }
}

extension SMTPFailure: CustomStringConvertible {
    /// What happened, in English, in the server's words when it said something: `535 5.7.8
    /// Authentication failed`, `Connection refused`, `no answer in 30 s`. This is the form the
    /// journal records (see `init(recorded:)`); pages show `summary(_:)` in their language.
    public var summary: String {
        switch self {
        case .dns(let detail), .connect(let detail), .tls(let detail):
            detail
        case .auth(let reply):
            reply?.description ?? "login refused"
        case .senderRefused(let reply), .recipientRefused(let reply), .dataRefused(let reply):
            reply.description
        case .timeout(_, let seconds?):
            "no answer in \(seconds) s"
        case .timeout:
            "no answer in time"
        case .connectionLost(_, let reply):
            "connection lost" + (reply.map { " after \($0)" } ?? "")
        case .addressNotAllowed(let address, let scope):
            "not connected: \(address) is \(scope.words.en), and the profile does not allow private hosts"
        case .clearTextLoginNotAllowed:
            "not connected: without encryption the password would go in clear text, and the profile does not allow it"
        }
    }

    /// True when the dialogue broke off without an answer the letter could be judged by (after
    /// the whole message went out, such a letter may have been delivered).
    public var isCutOff: Bool {
        switch self {
        case .timeout, .connectionLost: true
        case .dns, .connect, .tls, .auth, .senderRefused, .recipientRefused, .dataRefused, .addressNotAllowed,
            .clearTextLoginNotAllowed:
            false
        }
    }

    /// One line for the journal and logs: the step, then the summary.
    public var description: String { "\(step.rawValue): \(summary)" }
}
