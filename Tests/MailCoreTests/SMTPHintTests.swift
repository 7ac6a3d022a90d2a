import MailCore
import Testing

/// A failed test letter and the cause the hint must name.
struct HintCase: CustomTestStringConvertible, Sendable {
    let failure: SMTPFailure
    let host: String
    let port: Int
    let security: SecurityMode
    let login: LoginFacts?
    let cause: SMTPHint.Cause

    init(
        _ failure: SMTPFailure,
        _ cause: SMTPHint.Cause,
        host: String = "mail.hosting.example",
        port: Int = 465,
        security: SecurityMode = .ssl,
        login: LoginFacts? = nil
    ) {
        self.failure = failure
        self.host = host
        self.port = port
        self.security = security
        self.login = login
        self.cause = cause
    }

    var hint: SMTPHint { SMTPHint(for: failure, host: host, port: port, security: security, login: login) }
    var testDescription: String { "\(cause) ← \(host):\(port) \(security.label) \(failure)" }
}

@Suite struct SMTPHintTests {
    static let cases: [HintCase] = [
        HintCase(.addressNotAllowed(address: "127.0.0.1", scope: .loopback), .privateHostNotAllowed, host: "localhost"),
        HintCase(.clearTextLoginNotAllowed, .clearTextLoginNotAllowed, port: 25, security: .none),
        HintCase(.dns(detail: "Could not resolve host: smtp.yandx.ru"), .hostNotFound, host: "smtp.yandx.ru"),
        // A preset's own server name is right: the robot's network or DNS is at fault.
        HintCase(.dns(detail: "Could not resolve host: smtp.mail.ru"), .presetHostNotResolved, host: "smtp.mail.ru"),
        HintCase(.dns(detail: "Resolving timed out after 15000 ms"), .presetHostNotResolved, host: "smtp.1gb.ru"),
        // No AUTH in the EHLO answer: libcurl sent no login, and the server wanted one.
        HintCase(
            .auth(reply: reply(530, "5.7.0", "Authentication required")),
            .loginNotOffered,
            port: 25,
            security: .none,
            login: LoginFacts(offeredAuth: false, hasLogin: true, encrypted: false)
        ),
        HintCase(
            .recipientRefused(reply: reply(554, "5.7.1", "<anna@example.com>: Relay access denied")),
            .loginNotOffered,
            port: 587,
            security: .starttls,
            login: LoginFacts(offeredAuth: false, hasLogin: true, encrypted: true)
        ),
        HintCase(
            .connect(detail: "Failed to connect to mail.hosting.example port 25 after 2 ms: Connection refused"),
            .connectionFailed,
            port: 25,
            security: .none
        ),
        HintCase(
            .connect(detail: "Connection timed out after 10001 milliseconds"),
            .connectionFailed,
            port: 587,
            security: .starttls
        ),

        // Implicit TLS and STARTTLS confused.
        HintCase(
            .tls(detail: "error:0A00010B:SSL routines::wrong version number"),
            .tlsModeMismatch,
            port: 587,
            security: .ssl
        ),
        HintCase(
            .tls(detail: "OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to mail.hosting.example:25"),
            .tlsModeMismatch,
            port: 25,
            security: .ssl
        ),
        HintCase(.timeout(step: .greeting), .tlsModeMismatch, port: 465, security: .starttls),
        HintCase(.connectionLost(step: .greeting, reply: nil), .tlsModeMismatch, port: 465, security: .none),
        HintCase(.tls(detail: "STARTTLS not supported."), .tlsModeMismatch, port: 2525, security: .starttls),

        // Certificates.
        HintCase(.tls(detail: "SSL certificate problem: self-signed certificate"), .certificateUntrusted),
        HintCase(
            .tls(detail: "SSL certificate problem: unable to get local issuer certificate"),
            .certificateUntrusted
        ),
        HintCase(.tls(detail: "SSL certificate problem: certificate has expired"), .certificateUntrusted),
        HintCase(
            .tls(detail: "SSL: no alternative certificate subject name matches target host name 'mail.shop.ru'"),
            .certificateNameMismatch,
            host: "mail.shop.ru"
        ),
        HintCase(
            .tls(
                detail:
                    "SSL: certificate subject name 'mx.hosting.example' does not match target host name 'mail.shop.ru'"
            ),
            .certificateNameMismatch,
            host: "mail.shop.ru"
        ),
        HintCase(.tls(detail: "error:0A000410:SSL routines::sslv3 alert handshake failure"), .tlsFailed),

        // Login.
        HintCase(
            .auth(reply: reply(530, "5.7.0", "Must issue a STARTTLS command first")),
            .tlsRequired,
            port: 25,
            security: .none
        ),
        HintCase(.auth(reply: reply(530, "5.7.7", "Encryption needed")), .tlsRequired, port: 25, security: .none),
        HintCase(
            .senderRefused(reply: reply(530, "5.7.0", "Must issue a STARTTLS command first")),
            .tlsRequired,
            port: 25,
            security: .none
        ),
        HintCase(
            .auth(
                reply: reply(
                    535,
                    "5.7.0",
                    "NEOBHODIM parol prilozheniya. Application password is REQUIRED. Details: https://help.mail.ru/mail/security/protection/external"
                )
            ),
            .appPasswordRequired,
            host: "smtp.mail.ru"
        ),
        HintCase(
            .auth(
                reply: reply(
                    534,
                    "5.7.9",
                    "Application-specific password required. For more information, go to https://support.google.com/mail/?p=InvalidSecondFactor"
                )
            ),
            .appPasswordRequired,
            host: "smtp.gmail.com"
        ),
        HintCase(
            .auth(
                reply: reply(
                    535,
                    "5.7.8",
                    "Error: authentication failed: This user does not have access rights to this service"
                )
            ),
            .appPasswordRequired,
            host: "smtp.yandex.ru"
        ),
        HintCase(
            .auth(reply: reply(535, "5.7.8", "Error: authentication failed: Invalid user or password!")),
            .appPasswordRequired,
            host: "SMTP.Yandex.ru"
        ),
        HintCase(.auth(reply: nil), .appPasswordRequired, host: "smtp.gmail.com"),
        HintCase(
            .auth(reply: reply(535, nil, "application password required")),
            .appPasswordRequired,
            host: "smtp.example.com"
        ),
        HintCase(.auth(reply: reply(535, "5.7.8", "Error: authentication failed: UGFzc3dvcmQ6")), .wrongCredentials),
        HintCase(
            .auth(reply: reply(535, nil, "Incorrect authentication data")),
            .wrongCredentials,
            host: "smtp.beget.com"
        ),
        HintCase(.auth(reply: nil), .wrongCredentials),
        HintCase(.auth(reply: reply(504, "5.7.4", "Unrecognized authentication type")), .authUnavailable),
        HintCase(
            .auth(
                reply: reply(
                    535,
                    "5.7.139",
                    "Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant."
                )
            ),
            .authUnavailable,
            host: "smtp.office365.com",
            port: 587,
            security: .starttls
        ),
        HintCase(
            .senderRefused(reply: reply(530, "5.7.0", "Authentication required")),
            .authUnavailable,
            port: 25,
            security: .none
        ),
        HintCase(
            .auth(reply: reply(454, "4.7.0", "Too many login attempts, please try again later.")),
            .throttled,
            host: "smtp.gmail.com"
        ),
        HintCase(.auth(reply: reply(454, "4.7.0", "Temporary authentication failure")), .temporaryTrouble),

        // Limits and spam.
        HintCase(
            .senderRefused(reply: reply(550, "5.4.5", "Daily user sending limit exceeded.")),
            .dailyQuota,
            host: "smtp.gmail.com"
        ),
        HintCase(
            .dataRefused(reply: reply(554, "5.7.1", "Message rejected under suspicion of SPAM; https://ya.cc/1IrBc")),
            .antiSpam,
            host: "smtp.yandex.ru"
        ),
        HintCase(
            .dataRefused(
                reply: reply(550, nil, "spam message rejected. Please visit https://help.mail.ru/notspam-support/id")
            ),
            .antiSpam,
            host: "smtp.mail.ru"
        ),
        HintCase(
            .senderRefused(reply: reply(451, nil, "Ratelimit exceeded for mailbox shop@mail.ru. Try again later.")),
            .throttled,
            host: "smtp.mail.ru"
        ),
        HintCase(
            .connectionLost(step: .greeting, reply: reply(421, "4.7.0", "Try again later, closing connection.")),
            .throttled,
            host: "smtp.gmail.com"
        ),

        // Sender and recipient.
        HintCase(
            .senderRefused(reply: reply(553, "5.7.1", "Sender address rejected: not owned by auth user.")),
            .senderNotAllowed,
            host: "smtp.yandex.ru"
        ),
        HintCase(
            .dataRefused(
                reply: reply(
                    554,
                    "5.2.0",
                    "STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied"
                )
            ),
            .senderNotAllowed,
            host: "smtp.office365.com",
            port: 587,
            security: .starttls
        ),
        HintCase(
            .recipientRefused(reply: reply(554, "5.7.1", "<ivan@gmail.com>: Relay access denied")),
            .relayDenied,
            port: 25,
            security: .none
        ),
        HintCase(.recipientRefused(reply: reply(550, nil, "relay not permitted")), .relayDenied),
        HintCase(
            .recipientRefused(reply: reply(552, "5.2.2", "The email account that you tried to reach is over quota.")),
            .recipientMailboxUnavailable
        ),
        HintCase(
            .recipientRefused(reply: reply(550, "5.1.1", "The email account that you tried to reach does not exist.")),
            .recipientRefused,
            host: "smtp.gmail.com"
        ),
        HintCase(
            .recipientRefused(
                reply: reply(
                    550,
                    nil,
                    "Message was not accepted -- invalid mailbox. Local mailbox ivan@mail.ru is unavailable: user not found"
                )
            ),
            .recipientRefused,
            host: "smtp.mail.ru"
        ),
        HintCase(.dataRefused(reply: reply(552, "5.3.4", "Message size exceeds fixed limit")), .messageTooBig),
        HintCase(
            .dataRefused(
                reply: reply(
                    550,
                    "5.7.26",
                    "Unauthenticated email from example.ru is not accepted due to domain's DMARC policy."
                )
            ),
            .contentRejected,
            host: "smtp.gmail.com"
        ),
        HintCase(.dataRefused(reply: reply(554, "5.6.0", "Message contains invalid header")), .contentRejected),

        // The server will not talk, or had a passing problem.
        HintCase(
            .connectionLost(
                step: .greeting,
                reply: reply(554, "5.7.1", "Your IP 203.0.113.5 is not allowed to connect")
            ),
            .connectionRejected
        ),
        HintCase(.timeout(step: .data), .temporaryTrouble),
        HintCase(.timeout(step: .greeting), .noGreeting, port: 465, security: .ssl),
        HintCase(.timeout(step: .greeting), .noGreeting, port: 2526, security: .starttls),
        HintCase(.connectionLost(step: .recipient, reply: nil), .temporaryTrouble),
        HintCase(
            .recipientRefused(
                reply: reply(450, "4.2.0", "Greylisted, see http://postgrey.schweikert.ch/help/example.com.html")
            ),
            .temporaryTrouble
        ),
    ]

    @Test(arguments: cases)
    func representativeFailuresGetTheirHint(example: HintCase) {
        #expect(example.hint.cause == example.cause)
        #expect(
            SMTPHint.hint(
                for: example.failure,
                host: example.host,
                port: example.port,
                security: example.security,
                login: example.login
            ) == example.hint.text
        )
    }

    @Test func everyCauseIsReachable() {
        #expect(Set(Self.cases.map(\.cause)) == Set(SMTPHint.Cause.allCases))
    }

    @Test(arguments: cases)
    func everyHintIsShortAndInBothLanguages(example: HintCase) {
        let text = example.hint.text
        for sentence in [text.ru, text.en] {
            #expect(!sentence.isEmpty)
            #expect(sentence.hasSuffix("."))
            #expect(sentence.filter { $0 == "." }.count <= 6, "one or two sentences: \(sentence)")
            #expect(!HeaderSafety.hasControlCharacters(sentence))
        }
        #expect(text.ru.contains { ("а"..."я").contains($0) })
        // The English panel's words and quotation marks: its tab is “Limits”, not «Параметры».
        #expect(!text.en.contains { "«»".contains($0) || ("а"..."я").contains($0) }, "\(text.en)")
    }

    @Test func hintsAreDistinctPerCause() {
        var texts: [SMTPHint.Cause: String] = [:]
        for example in Self.cases where example.host == "mail.hosting.example" && example.port == 465 {
            texts[example.cause] = example.hint.text.ru
        }
        #expect(Set(texts.values).count == texts.count)
    }

    @Test func appPasswordHintSaysWhatTheDesignPromisesAndWhereToGetOne() {
        let mailru = SMTPHint.hint(
            for: .auth(reply: reply(535, "5.7.0", "NEOBHODIM parol prilozheniya")),
            host: "smtp.mail.ru",
            port: 465,
            security: .ssl
        )
        #expect(mailru.ru.contains("требует пароль для внешних приложений"))
        #expect(mailru.ru.contains("Mail.ru → Безопасность"))
        #expect(mailru.en.contains("app password"))
        let generic = SMTPHint.hint(
            for: .auth(reply: reply(535, nil, "application password required")),
            host: "smtp.example.com",
            port: 465,
            security: .ssl
        )
        #expect(generic.ru.contains("требует пароль для внешних приложений"))
        #expect(!generic.ru.contains("→"))
    }

    @Test func hintsNameTheHostAndPortTheyAreAbout() {
        let dns = SMTPHint.hint(for: .dns(detail: "x"), host: "smtp.yandx.ru", port: 465, security: .ssl)
        #expect(dns.ru.contains("smtp.yandx.ru") && dns.en.contains("smtp.yandx.ru"))
        let connect = SMTPHint.hint(for: .connect(detail: "x"), host: "mail.shop.ru", port: 2525, security: .starttls)
        #expect(connect.ru.contains("mail.shop.ru:2525"))
    }

    @Test func modeMismatchSaysWhichWayToFixIt() {
        let sslOn587 = SMTPHint.hint(
            for: .tls(detail: "wrong version number"),
            host: "smtp.example.com",
            port: 587,
            security: .ssl
        )
        #expect(sslOn587.ru.contains("порт 587 ждёт обычного соединения"))
        let starttlsOn465 = SMTPHint.hint(
            for: .timeout(step: .greeting),
            host: "smtp.example.com",
            port: 465,
            security: .starttls
        )
        #expect(starttlsOn465.ru.contains("На порту 465 нужен режим SSL/TLS") && starttlsOn465.ru.contains("STARTTLS"))
        let noneOn465 = SMTPHint.hint(
            for: .connectionLost(step: .greeting, reply: nil),
            host: "smtp.example.com",
            port: 465,
            security: .none
        )
        #expect(noneOn465.ru.contains("выбран «Нет»"))
        let other = SMTPHint.hint(
            for: .tls(detail: "STARTTLS not supported."),
            host: "smtp.example.com",
            port: 2525,
            security: .starttls
        )
        #expect(other.ru.contains("порту 2525"))
    }

    /// A correct preset host that does not resolve is not the admin's typo: the hint says so
    /// and does not ask to change the name.
    @Test func aPresetHostThatDoesNotResolvePointsAtTheRobotsNetwork() {
        let hint = SMTPHint.hint(
            for: .dns(detail: "Could not resolve host: smtp.mail.ru"),
            host: "smtp.mail.ru",
            port: 465,
            security: .ssl
        )
        #expect(hint.ru.contains("верное имя SMTP-сервера Mail.ru") && hint.ru.contains("сеть или DNS этого сервера"))
        #expect(!hint.ru.contains("Проверьте имя SMTP-сервера"))
        #expect(hint.en.contains("right SMTP server name of Mail.ru"))
        let typo = SMTPHint.hint(for: .dns(detail: "x"), host: "smtp.mail.rru", port: 465, security: .ssl)
        #expect(typo.ru.contains("Проверьте имя SMTP-сервера"))
    }

    /// The dialogue's login facts reach the hint: a login the server never offered, a password
    /// sent in the clear.
    @Test func theHintSaysWhatTheDialogueShowedAboutTheLogin() {
        let refused = SMTPFailure.auth(reply: reply(535, "5.7.8", "Authentication failed"))
        let clear = SMTPHint(
            for: refused,
            host: "mail.shop.ru",
            port: 25,
            security: .none,
            login: LoginFacts(offeredAuth: true, hasLogin: true, encrypted: false)
        )
        #expect(clear.cause == .wrongCredentials)
        #expect(clear.text.ru.contains("пароль уходит на сервер без шифрования"))
        #expect(clear.text.en.contains("password goes to the server unencrypted"))
        let encrypted = SMTPHint(
            for: refused,
            host: "mail.shop.ru",
            port: 465,
            security: .ssl,
            login: LoginFacts(offeredAuth: true, hasLogin: true, encrypted: true)
        )
        #expect(!encrypted.text.ru.contains("без шифрования"))
        let skipped = SMTPHint(
            for: .recipientRefused(reply: reply(554, "5.7.1", "Relay access denied")),
            host: "mail.shop.ru",
            port: 25,
            security: .none,
            login: LoginFacts(offeredAuth: false, hasLogin: true, encrypted: false)
        )
        #expect(skipped.text.ru.contains("в ответе на EHLO нет AUTH"))
        #expect(skipped.text.ru.contains("выберите SSL/TLS"))
        #expect(!skipped.text.ru.contains("без шифрования"), "nothing was sent, so no password went in the clear")
    }
}
