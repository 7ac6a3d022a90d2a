/// What a transport needs to reach and log in to a profile's mailbox.
public struct SMTPAccount: Sendable {
    public var host: String
    public var port: Int
    public var security: SecurityMode
    public var login: String
    public var password: String
    /// The sender address's domain: the EHLO name when the machine has no FQDN (`EHLOName`).
    public var senderDomain: DomainName?
    /// The login may be sent over a connection without encryption (SSL «Нет»); without this the
    /// transport refuses before connecting.
    public var allowPlainAuth: Bool
    /// The host may resolve to a loopback, link-local or private address; without this the
    /// transport refuses to connect to such an address (`AddressScope`).
    public var allowPrivateHost: Bool

    public init(
        host: String,
        port: Int,
        security: SecurityMode,
        login: String,
        password: String,
        senderDomain: DomainName? = nil,
        allowPlainAuth: Bool = false,
        allowPrivateHost: Bool = false
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.login = login
        self.password = password
        self.senderDomain = senderDomain
        self.allowPlainAuth = allowPlainAuth
        self.allowPrivateHost = allowPrivateHost
    }

    /// True when logging in would send the login and password without encryption.
    public var sendsLoginInClearText: Bool { security == .none && !login.isEmpty }
}

/// One letter ready for the wire: the envelope and the finished RFC 5322 message
/// (CRLF line ends, every line at most 998 octets).
public struct OutgoingLetter: Sendable {
    public var envelopeFrom: EmailAddress
    public var recipient: EmailAddress
    public var message: [UInt8]

    public init(envelopeFrom: EmailAddress, recipient: EmailAddress, message: [UInt8]) {
        self.envelopeFrom = envelopeFrom
        self.recipient = recipient
        self.message = message
    }
}

/// The outside world that carries letters to the mail host (libcurl in production, a
/// scripted fake in tests).
public protocol MailTransport: Sendable {
    /// A session for one batch of one profile's letters: the connection is opened by the
    /// first letter and reused by the next ones.
    func openSession(_ account: SMTPAccount) -> any MailSession
}

/// One connection's worth of letters. Not shared between threads.
public protocol MailSession: AnyObject {
    /// Sends one letter and says how it went. The caller has recorded, before, that the letter
    /// may leave (its claim); it records the outcome after.
    func send(_ letter: OutgoingLetter) -> DeliveryResult

    /// The dialogue so far, with the login exchange masked.
    var transcript: Transcript { get }

    /// Says QUIT and closes the connection.
    func close()
}

/// How one letter went.
public enum DeliveryResult: Sendable, Equatable {
    /// The server took the letter with this reply (250 after the final dot).
    case sent(reply: SMTPReply)
    /// It did not; `dataSent` tells whether the whole message, up to the final dot, had gone
    /// out before the failure (so the server may have it: an ambiguous delivery).
    case failed(SMTPFailure, dataSent: Bool)
}
