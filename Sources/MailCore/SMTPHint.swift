/// A hint in plain words for «Проверка профиля»: the likely cause of a failed test letter and
/// what the admin can do about it, chosen from the failure and the profile's connection settings.
public struct SMTPHint: Sendable, Equatable {
    /// The common causes the catalog knows.
    public enum Cause: String, CaseIterable, Sendable {
        case hostNotFound
        /// A preset's server name (correct) did not resolve: the robot's own network or DNS.
        case presetHostNotResolved
        /// The server offered no login and refused what a login would have allowed.
        case loginNotOffered
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
    /// One or two sentences: what happened and what to do; then, when the dialogue showed it, that
    /// the password went without encryption.
    public let text: LocalizedText

    /// The hint for `failure` of a profile connecting to `host`:`port` with `security`; `login`
    /// is what the dialogue showed about the login (no `AUTH` offered, no encryption).
    public init(
        for failure: SMTPFailure,
        host: String,
        port: Int,
        security: SecurityMode,
        login: LoginFacts? = nil
    ) {
        let settings = Settings(host: host, port: port, security: security)
        let cause = SMTPHint.cause(of: failure, settings, login: login)
        var text = SMTPHint.text(for: cause, settings)
        if cause != .loginNotOffered, let login {
            for warning in login.warnings {
                text = LocalizedText(ru: text.ru + " " + warning.ru, en: text.en + " " + warning.en)
            }
        }
        self.cause = cause
        self.text = text
    }

    /// The hint's text for `failure`; see `init(for:host:port:security:login:)`.
    public static func hint(
        for failure: SMTPFailure,
        host: String,
        port: Int,
        security: SecurityMode,
        login: LoginFacts? = nil
    ) -> LocalizedText {
        SMTPHint(for: failure, host: host, port: port, security: security, login: login).text
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

        /// The known mail service whose server name this is, whatever it says about passwords.
        var knownHost: ProviderPreset? {
            ProviderPreset.matching(host: host)
        }
    }

    private static func cause(of failure: SMTPFailure, _ settings: Settings, login: LoginFacts?) -> Cause {
        if login?.loginSkipped == true, [.auth, .sender, .recipient].contains(failure.step), failure.reply != nil {
            return .loginNotOffered
        }
        return cause(of: failure, settings)
    }

    private static func cause(of failure: SMTPFailure, _ settings: Settings) -> Cause {
        switch failure {
        case .addressNotAllowed:
            return .privateHostNotAllowed
        case .clearTextLoginNotAllowed:
            return .clearTextLoginNotAllowed
        case .dns(let detail):
            if case .badAddress = LocalProblem.dns(detail) { return .hostNotFound }
            return settings.knownHost == nil ? .hostNotFound : .presetHostNotResolved
        case .connect:
            return .connectionFailed
        case .tls(let detail):
            return tlsCause(detail, settings)
        case .timeout(let step, _), .connectionLost(let step, nil):
            if [.greeting, .tls].contains(step) && settings.modeMismatchesPort { return .tlsModeMismatch }
            if case .timeout(.greeting, _) = failure { return .noGreeting }
            return .temporaryTrouble
        case .auth(nil):
            return settings.preset == nil ? .wrongCredentials : .appPasswordRequired
        case .auth(let reply?), .senderRefused(let reply), .recipientRefused(let reply), .dataRefused(let reply),
            .connectionLost(_, let reply?):
            return replyCause(ReplyWording(reply), failure, settings)
        }
    }

    private static func tlsCause(_ detail: String, _ settings: Settings) -> Cause {
        switch TLSProblem(detail: detail) {
        case .nameMismatch: return .certificateNameMismatch
        case .untrusted: return .certificateUntrusted
        case .protocolMismatch, .startTLSMissing: return .tlsModeMismatch
        case .other: return settings.modeMismatchesPort ? .tlsModeMismatch : .tlsFailed
        }
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
