/// A hint in plain words for «Проверка профиля»: the likely cause of a failed test letter and
/// what the admin can do about it, chosen from the failure and the profile's connection settings.
public struct SMTPHint: Sendable, Equatable {
    /// The common causes the catalog knows.
    public enum Cause: String, CaseIterable, Sendable {
        case hostNotFound
        case connectionFailed
        case tlsModeMismatch
        case certificateUntrusted
        case certificateNameMismatch
        case tlsFailed
        case tlsRequired
        case appPasswordRequired
        case authUnavailable
        case wrongCredentials
        case dailyQuota
        case antiSpam
        case throttled
        case senderNotAllowed
        case relayDenied
        case recipientMailboxUnavailable
        case recipientRefused
        case messageTooBig
        case contentRejected
        case connectionRejected
        case noGreeting
        case temporaryTrouble
        case privateHostNotAllowed
        case clearTextLoginNotAllowed
    }

    public let cause: Cause
    /// One or two sentences: what happened and what to do.
    public let text: LocalizedText

    /// The hint for `failure` of a profile connecting to `host`:`port` with `security`.
    public init(for failure: SMTPFailure, host: String, port: Int, security: SecurityMode) {
        let settings = Settings(host: host, port: port, security: security)
        cause = SMTPHint.cause(of: failure, settings)
        text = SMTPHint.text(for: cause, settings)
    }

    /// The hint's text for `failure`; see `init(for:host:port:security:)`.
    public static func hint(for failure: SMTPFailure, host: String, port: Int, security: SecurityMode) -> LocalizedText
    {
        SMTPHint(for: failure, host: host, port: port, security: security).text
    }

    /// The connection settings the hint speaks about.
    struct Settings {
        let host: String
        let port: Int
        let security: SecurityMode

        /// SSL/TLS on a port that speaks plain SMTP first, or STARTTLS/none on the SSL port: the
        /// two sides wait for each other or read each other's bytes as garbage.
        var modeMismatchesPort: Bool {
            security == .ssl ? [25, 587, 2525].contains(port) : port == 465
        }

        /// A known mail service that refuses the mailbox password for SMTP (Mail.ru, Yandex, Gmail).
        var preset: ProviderPreset? {
            ProviderPreset.matching(host: host).flatMap { $0.passwordNote == nil ? nil : $0 }
        }
    }

    private static func cause(of failure: SMTPFailure, _ settings: Settings) -> Cause {
        switch failure {
        case .addressNotAllowed:
            return .privateHostNotAllowed
        case .clearTextLoginNotAllowed:
            return .clearTextLoginNotAllowed
        case .dns:
            return .hostNotFound
        case .connect:
            return .connectionFailed
        case .tls(let detail):
            return tlsCause(detail.lowercased(), settings)
        case .timeout(let step), .connectionLost(let step, nil):
            if [.greeting, .tls].contains(step) && settings.modeMismatchesPort { return .tlsModeMismatch }
            if case .timeout(.greeting) = failure { return .noGreeting }
            return .temporaryTrouble
        case .auth(nil):
            return settings.preset == nil ? .wrongCredentials : .appPasswordRequired
        case .auth(let reply?), .senderRefused(let reply), .recipientRefused(let reply), .dataRefused(let reply),
            .connectionLost(_, let reply?):
            return replyCause(ReplyWording(reply), failure, settings)
        }
    }

    private static func tlsCause(_ detail: String, _ settings: Settings) -> Cause {
        let says = { (phrases: [String]) in phrases.contains { detail.contains($0) } }
        if says(["does not match", "subject name", "hostname mismatch", "host name mismatch", "doesn't match"]) {
            return .certificateNameMismatch
        }
        if says(["certificate", "self signed", "self-signed", "local issuer", "verify failed", "expired"]) {
            return .certificateUntrusted
        }
        if settings.modeMismatchesPort
            || says([
                "wrong version number", "unknown protocol", "packet length too long", "record layer failure",
                "starttls",
            ])
        {
            return .tlsModeMismatch
        }
        return .tlsFailed
    }

    private static func replyCause(_ reply: ReplyWording, _ failure: SMTPFailure, _ settings: Settings) -> Cause {
        if reply.isPermanent, reply.saysTLSRequired { return .tlsRequired }
        if failure.step == .auth, !reply.isTransient {
            if reply.saysAppPasswordRequired || settings.preset != nil { return .appPasswordRequired }
            return reply.saysLoginUnavailable ? .authUnavailable : .wrongCredentials
        }
        if reply.isPermanent, reply.saysLoginUnavailable { return .authUnavailable }
        switch failure.dispositionRule {
        case .dailyQuota: return .dailyQuota
        case .antiSpam: return .antiSpam
        case .throttled: return .throttled
        case .recipientMailboxUnavailable: return .recipientMailboxUnavailable
        case .messageTooBig: return .messageTooBig
        case .senderNotAllowed: return reply.saysRelayDenied ? .relayDenied : .senderNotAllowed
        case .refusedBeforeLetter: return .connectionRejected
        case .permanentReply: return failure.step == .recipient ? .recipientRefused : .contentRejected
        case .notAllowed, .loginRefused, .tlsFailed, .transientReply, .otherwise: return .temporaryTrouble
        }
    }
}

extension ReplyWording {
    /// The server takes a password only over an encrypted connection.
    var saysTLSRequired: Bool {
        mentions([
            "starttls", "must issue", "tls required", "encryption required", "requires encryption", "ssl required",
        ])
            || enhancedCode == "5.7.11" || (code == 530 && enhancedCode == "5.7.7")
    }

    /// The service wants an app password (Mail.ru transliterates its Russian message).
    var saysAppPasswordRequired: Bool {
        enhancedCode == "5.7.9" || code == 534
            || mentions([
                "parol prilozheniya", "application password", "application-specific password", "app password",
                "пароль приложения", "пароль для внешних приложений", "does not have access rights to this service",
            ])
    }

    /// Login by password is not offered here, or was skipped and is required.
    var saysLoginUnavailable: Bool {
        [502, 503, 504].contains(code)
            || mentions([
                "not enabled", "not supported", "unrecognized authentication", "authentication is disabled",
                "smtpclientauthentication is disabled", "authentication required", "not logged in",
            ])
    }
}
