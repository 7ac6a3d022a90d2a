import MailCore
import Testing

/// A failure as a test argument: what happened, which rule must decide it, and the outcome.
struct DispositionCase: CustomTestStringConvertible, Sendable {
    let failure: SMTPFailure
    let rule: SMTPDispositionRule
    let disposition: SMTPDisposition

    init(_ failure: SMTPFailure, _ rule: SMTPDispositionRule, _ disposition: SMTPDisposition) {
        self.failure = failure
        self.rule = rule
        self.disposition = disposition
    }

    var testDescription: String { "\(failure.step): \(failure.reply?.description ?? "\(failure)")" }
}

private func reply(_ code: Int, _ enhanced: String?, _ text: String) -> SMTPReply {
    SMTPReply(code: code, enhancedCode: enhanced, text: text)
}

@Suite struct SMTPFailureDispositionTests {
    static let cases: [DispositionCase] = [
        // Login refused: the profile is broken until it is fixed.
        DispositionCase(
            .auth(
                reply: reply(
                    535,
                    "5.7.8",
                    "Username and Password not accepted. For more information, go to https://support.google.com/mail/?p=BadCredentials"
                )
            ),
            .loginRefused,
            .profileBroken
        ),
        DispositionCase(
            .auth(
                reply: reply(
                    534,
                    "5.7.9",
                    "Application-specific password required. For more information, go to https://support.google.com/mail/?p=InvalidSecondFactor"
                )
            ),
            .loginRefused,
            .profileBroken
        ),
        DispositionCase(
            .auth(
                reply: reply(
                    535,
                    "5.7.8",
                    "Error: authentication failed: This user does not have access rights to this service"
                )
            ),
            .loginRefused,
            .profileBroken
        ),
        DispositionCase(
            .auth(reply: reply(535, "5.7.8", "Error: authentication failed: Invalid user or password!")),
            .loginRefused,
            .profileBroken
        ),
        DispositionCase(
            .auth(
                reply: reply(
                    535,
                    "5.7.0",
                    "NEOBHODIM parol prilozheniya. Application password is REQUIRED. Details: https://help.mail.ru/mail/security/protection/external"
                )
            ),
            .loginRefused,
            .profileBroken
        ),
        DispositionCase(
            .auth(
                reply: reply(
                    535,
                    "5.7.139",
                    "Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant."
                )
            ),
            .loginRefused,
            .profileBroken
        ),
        DispositionCase(
            .auth(reply: reply(530, "5.7.0", "Must issue a STARTTLS command first")),
            .loginRefused,
            .profileBroken
        ),
        DispositionCase(.auth(reply: reply(535, nil, "Incorrect authentication data")), .loginRefused, .profileBroken),
        DispositionCase(
            .auth(reply: reply(535, "5.7.8", "Error: authentication failed: too many login failures")),
            .loginRefused,
            .profileBroken
        ),
        DispositionCase(.auth(reply: nil), .loginRefused, .profileBroken),

        // TLS handshake: every letter would fail the same way.
        DispositionCase(.tls(detail: "SSL certificate problem: self-signed certificate"), .tlsFailed, .profileBroken),
        DispositionCase(
            .tls(detail: "SSL certificate problem: unable to get local issuer certificate"),
            .tlsFailed,
            .profileBroken
        ),
        DispositionCase(
            .tls(detail: "SSL: no alternative certificate subject name matches target host name 'mail.shop.ru'"),
            .tlsFailed,
            .profileBroken
        ),
        DispositionCase(.tls(detail: "error:0A00010B:SSL routines::wrong version number"), .tlsFailed, .profileBroken),
        DispositionCase(.tls(detail: "STARTTLS not supported."), .tlsFailed, .profileBroken),

        // The recipient's mailbox: their side, not a limit of ours.
        DispositionCase(
            .recipientRefused(
                reply: reply(
                    452,
                    "4.2.2",
                    "The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp"
                )
            ),
            .recipientMailboxUnavailable,
            .temporary
        ),
        DispositionCase(
            .recipientRefused(
                reply: reply(552, "5.2.2", "The email account that you tried to reach is over quota and inactive.")
            ),
            .recipientMailboxUnavailable,
            .permanent
        ),
        DispositionCase(
            .recipientRefused(reply: reply(552, "5.2.2", "Mailbox size limit exceeded")),
            .recipientMailboxUnavailable,
            .permanent
        ),
        DispositionCase(
            .recipientRefused(
                reply: reply(452, "4.2.2", "The recipient's mailbox is full and can't accept messages now.")
            ),
            .recipientMailboxUnavailable,
            .temporary
        ),
        DispositionCase(
            .recipientRefused(
                reply: reply(
                    450,
                    "4.2.1",
                    "The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered."
                )
            ),
            .recipientMailboxUnavailable,
            .temporary
        ),
        DispositionCase(
            .dataRefused(reply: reply(552, nil, "ivan@example.com: mailbox is full")),
            .recipientMailboxUnavailable,
            .permanent
        ),
        DispositionCase(
            .recipientRefused(reply: reply(550, nil, "Ящик получателя переполнен")),
            .recipientMailboxUnavailable,
            .permanent
        ),

        // The letter is too big.
        DispositionCase(
            .dataRefused(reply: reply(552, "5.3.4", "Message size exceeds fixed limit")),
            .messageTooBig,
            .permanent
        ),
        DispositionCase(
            .dataRefused(reply: reply(552, "5.3.4", "Your message exceeded Google's message size limits.")),
            .messageTooBig,
            .permanent
        ),
        DispositionCase(
            .senderRefused(reply: reply(552, "5.3.4", "Message size exceeds fixed maximum message size")),
            .messageTooBig,
            .permanent
        ),
        DispositionCase(
            .dataRefused(reply: reply(452, "4.3.4", "Message too big for system")),
            .messageTooBig,
            .temporary
        ),
        DispositionCase(
            .dataRefused(reply: reply(554, nil, "Превышен максимальный размер письма")),
            .messageTooBig,
            .permanent
        ),

        // A daily quota, even as a 5xx.
        DispositionCase(
            .senderRefused(
                reply: reply(
                    550,
                    "5.4.5",
                    "Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852"
                )
            ),
            .dailyQuota,
            .rateLimited(.dailyQuota)
        ),
        DispositionCase(
            .recipientRefused(
                reply: reply(
                    550,
                    nil,
                    "5.4.5 Daily SMTP relay sending limit exceeded for customer. For more information on SMTP relay sending limits please contact your administrator"
                )
            ),
            .dailyQuota,
            .rateLimited(.dailyQuota)
        ),
        DispositionCase(
            .dataRefused(
                reply: reply(
                    554,
                    "5.2.0",
                    "STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception with message Cannot submit message."
                )
            ),
            .dailyQuota,
            .rateLimited(.dailyQuota)
        ),
        DispositionCase(
            .dataRefused(reply: reply(550, nil, "Превышен суточный лимит отправки писем")),
            .dailyQuota,
            .rateLimited(.dailyQuota)
        ),
        DispositionCase(
            .senderRefused(reply: reply(451, "4.7.1", "Daily sending quota exceeded, try again tomorrow")),
            .dailyQuota,
            .rateLimited(.dailyQuota)
        ),

        // An anti-spam block, even as a 5xx.
        DispositionCase(
            .dataRefused(
                reply: reply(
                    554,
                    "5.7.1",
                    "Message rejected under suspicion of SPAM; https://ya.cc/1IrBc 1705000000-abcDEF12"
                )
            ),
            .antiSpam,
            .rateLimited(.antiSpam)
        ),
        DispositionCase(
            .dataRefused(
                reply: reply(
                    550,
                    nil,
                    "spam message rejected. Please visit https://help.mail.ru/notspam-support/id?c=AbC or report details to abuse@corp.mail.ru."
                )
            ),
            .antiSpam,
            .rateLimited(.antiSpam)
        ),
        DispositionCase(
            .dataRefused(
                reply: reply(
                    554,
                    "5.2.0",
                    "STOREDRV.Submission.Exception:OutboundSpamException; WASCL UserAction verdict is not None. Actual verdict is RefuseQuota, ShowTierUpgrade."
                )
            ),
            .antiSpam,
            .rateLimited(.antiSpam)
        ),
        DispositionCase(
            .dataRefused(
                reply: reply(
                    550,
                    "5.7.1",
                    "[203.0.113.5] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked."
                )
            ),
            .antiSpam,
            .rateLimited(.antiSpam)
        ),
        DispositionCase(
            .connectionLost(
                step: .greeting,
                reply: reply(
                    421,
                    "4.7.28",
                    "[203.0.113.5] Our system has detected an unusual rate of unsolicited mail originating from your IP address."
                )
            ),
            .antiSpam,
            .rateLimited(.antiSpam)
        ),
        DispositionCase(
            .recipientRefused(
                reply: reply(550, "5.7.1", "Service unavailable, Client host [203.0.113.5] blocked using Spamhaus.")
            ),
            .antiSpam,
            .rateLimited(.antiSpam)
        ),
        DispositionCase(
            .dataRefused(reply: reply(554, nil, "Письмо отклонено: подозрение на спам")),
            .antiSpam,
            .rateLimited(.antiSpam)
        ),

        // A throttle.
        DispositionCase(
            .senderRefused(reply: reply(451, nil, "Ratelimit exceeded for mailbox shop@mail.ru. Try again later.")),
            .throttled,
            .rateLimited(.throttled)
        ),
        DispositionCase(
            .connectionLost(
                step: .greeting,
                reply: reply(
                    421,
                    "4.7.0",
                    "Try again later, closing connection. (EHLO) For more information, go to https://support.google.com/a/answer/3221692"
                )
            ),
            .throttled,
            .rateLimited(.throttled)
        ),
        DispositionCase(
            .auth(reply: reply(454, "4.7.0", "Too many login attempts, please try again later.")),
            .throttled,
            .rateLimited(.throttled)
        ),
        DispositionCase(
            .connectionLost(
                step: .greeting,
                reply: reply(421, "4.7.0", "mail.example.com Error: too many connections from 203.0.113.5")
            ),
            .throttled,
            .rateLimited(.throttled)
        ),
        DispositionCase(
            .senderRefused(reply: reply(450, "4.7.1", "Error: too much mail from 203.0.113.5")),
            .throttled,
            .rateLimited(.throttled)
        ),
        DispositionCase(
            .senderRefused(reply: reply(451, "4.7.1", "Sending rate exceeded")),
            .throttled,
            .rateLimited(.throttled)
        ),
        DispositionCase(
            .dataRefused(
                reply: reply(
                    550,
                    nil,
                    "Domain shop.ru has exceeded the max emails per hour (100/100 (100%)) allowed. Message discarded."
                )
            ),
            .throttled,
            .rateLimited(.throttled)
        ),
        DispositionCase(
            .recipientRefused(reply: reply(452, "4.5.3", "Too many recipients")),
            .throttled,
            .rateLimited(.throttled)
        ),
        DispositionCase(
            .senderRefused(reply: reply(451, nil, "Превышен лимит отправки, попробуйте позже")),
            .throttled,
            .rateLimited(.throttled)
        ),
        DispositionCase(
            .dataRefused(reply: reply(451, "4.7.28", "Temporarily deferred")),
            .throttled,
            .rateLimited(.throttled)
        ),
        DispositionCase(
            .dataRefused(reply: reply(452, "4.5.3", "Quota exceeded, try later")),
            .throttled,
            .rateLimited(.throttled)
        ),

        // This login may not send as this address, or relay: a profile setting.
        DispositionCase(
            .senderRefused(reply: reply(553, "5.7.1", "Sender address rejected: not owned by auth user.")),
            .senderNotAllowed,
            .profileBroken
        ),
        DispositionCase(
            .recipientRefused(
                reply: reply(
                    553,
                    "5.7.1",
                    "<shop@other.ru>: Sender address rejected: not owned by user shop@example.ru"
                )
            ),
            .senderNotAllowed,
            .profileBroken
        ),
        DispositionCase(
            .dataRefused(
                reply: reply(
                    554,
                    "5.2.0",
                    "STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message Cannot submit message."
                )
            ),
            .senderNotAllowed,
            .profileBroken
        ),
        DispositionCase(
            .recipientRefused(reply: reply(554, "5.7.1", "<ivan@gmail.com>: Relay access denied")),
            .senderNotAllowed,
            .profileBroken
        ),
        DispositionCase(
            .recipientRefused(reply: reply(550, nil, "relay not permitted")),
            .senderNotAllowed,
            .profileBroken
        ),
        DispositionCase(
            .senderRefused(reply: reply(550, nil, "not local sender over smtp")),
            .senderNotAllowed,
            .profileBroken
        ),
        DispositionCase(
            .senderRefused(
                reply: reply(550, "5.7.60", "SMTP; Client does not have permissions to send as this sender")
            ),
            .senderNotAllowed,
            .profileBroken
        ),
        DispositionCase(
            .senderRefused(reply: reply(501, "5.1.7", "Bad sender address syntax")),
            .senderNotAllowed,
            .profileBroken
        ),

        // The server will not talk to us at all.
        DispositionCase(
            .connectionLost(
                step: .greeting,
                reply: reply(554, "5.7.1", "Your IP 203.0.113.5 is not allowed to connect")
            ),
            .refusedBeforeLetter,
            .profileBroken
        ),
        DispositionCase(
            .connectionLost(step: .greeting, reply: reply(554, nil, "mail.example.com ESMTP not accepting messages")),
            .refusedBeforeLetter,
            .profileBroken
        ),

        // Any other 4xx: retry.
        DispositionCase(
            .recipientRefused(
                reply: reply(
                    450,
                    "4.2.0",
                    "<ivan@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html"
                )
            ),
            .transientReply,
            .temporary
        ),
        DispositionCase(
            .dataRefused(
                reply: reply(451, "4.7.1", "Sorry, the service is currently unavailable. Please come back later.")
            ),
            .transientReply,
            .temporary
        ),
        DispositionCase(
            .auth(reply: reply(454, "4.7.0", "Temporary authentication failure")),
            .transientReply,
            .temporary
        ),
        DispositionCase(
            .senderRefused(reply: reply(451, "4.3.0", "Temporary lookup failure")),
            .transientReply,
            .temporary
        ),
        DispositionCase(
            .connectionLost(step: .data, reply: reply(421, "4.4.2", "mail.example.com Error: timeout exceeded")),
            .transientReply,
            .temporary
        ),
        DispositionCase(
            .connectionLost(step: .recipient, reply: reply(421, "4.7.0", "mail.example.com Error: too many errors")),
            .transientReply,
            .temporary
        ),
        DispositionCase(
            .dataRefused(reply: reply(451, nil, "Temporary local problem - please try later")),
            .transientReply,
            .temporary
        ),
        DispositionCase(
            .senderRefused(reply: reply(452, "4.3.1", "Insufficient system storage")),
            .transientReply,
            .temporary
        ),
        DispositionCase(
            .recipientRefused(
                reply: reply(450, "4.1.8", "<shop@example.ru>: Sender address rejected: Domain not found")
            ),
            .transientReply,
            .temporary
        ),

        // Any other 5xx: fail the letter.
        DispositionCase(
            .recipientRefused(
                reply: reply(
                    550,
                    "5.1.1",
                    "The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces."
                )
            ),
            .permanentReply,
            .permanent
        ),
        DispositionCase(.recipientRefused(reply: reply(550, "5.7.1", "No such user!")), .permanentReply, .permanent),
        DispositionCase(
            .recipientRefused(
                reply: reply(
                    550,
                    nil,
                    "Message was not accepted -- invalid mailbox. Local mailbox ivan@mail.ru is unavailable: user not found"
                )
            ),
            .permanentReply,
            .permanent
        ),
        DispositionCase(
            .recipientRefused(
                reply: reply(
                    550,
                    "5.1.1",
                    "<ivan@example.com>: Recipient address rejected: User unknown in virtual mailbox table"
                )
            ),
            .permanentReply,
            .permanent
        ),
        DispositionCase(
            .recipientRefused(
                reply: reply(550, "5.5.0", "Requested action not taken: mailbox unavailable (S2017062302).")
            ),
            .permanentReply,
            .permanent
        ),
        DispositionCase(
            .dataRefused(
                reply: reply(
                    550,
                    "5.7.26",
                    "Unauthenticated email from example.ru is not accepted due to domain's DMARC policy."
                )
            ),
            .permanentReply,
            .permanent
        ),
        DispositionCase(
            .dataRefused(
                reply: reply(
                    552,
                    "5.7.0",
                    "This message was blocked because its content presents a potential security issue."
                )
            ),
            .permanentReply,
            .permanent
        ),
        DispositionCase(.recipientRefused(reply: reply(550, nil, "Unrouteable address")), .permanentReply, .permanent),
        DispositionCase(.dataRefused(reply: reply(554, "5.4.6", "Too many hops")), .permanentReply, .permanent),
        DispositionCase(
            .dataRefused(reply: reply(554, "5.6.0", "Message contains invalid header; separate the fields")),
            .permanentReply,
            .permanent
        ),

        // No reply: possibly passing network trouble.
        DispositionCase(.dns(detail: "Could not resolve host: smtp.exmaple.ru"), .otherwise, .temporary),
        DispositionCase(
            .connect(detail: "Failed to connect to smtp.example.ru port 465 after 3 ms: Connection refused"),
            .otherwise,
            .temporary
        ),
        DispositionCase(.connect(detail: "Connection timed out after 10001 milliseconds"), .otherwise, .temporary),
        DispositionCase(.timeout(step: .data), .otherwise, .temporary),
        DispositionCase(.timeout(step: .greeting), .otherwise, .temporary),
        DispositionCase(.connectionLost(step: .data, reply: nil), .otherwise, .temporary),
        DispositionCase(.connectionLost(step: .tls, reply: nil), .otherwise, .temporary),
        DispositionCase(
            .dataRefused(reply: reply(354, nil, "End data with <CR><LF>.<CR><LF>")),
            .otherwise,
            .temporary
        ),
    ]

    @Test(arguments: cases)
    func realRepliesMeetTheirRule(example: DispositionCase) {
        #expect(example.failure.dispositionRule == example.rule)
        #expect(example.failure.disposition == example.disposition)
    }

    @Test func everyRuleIsExercised() {
        let exercised = Set(Self.cases.map(\.rule))
        #expect(exercised == Set(SMTPDispositionRule.allCases))
        for rule in SMTPDispositionRule.allCases {
            #expect(Self.cases.filter { $0.rule == rule }.count >= 2, "\(rule) needs at least two examples")
        }
    }

    @Test func aLimitWinsOverTheStepsOwnRule() {
        // A 5xx to MAIL FROM is normally a profile setting, but a quota is a pause, not a break.
        #expect(
            SMTPFailure.senderRefused(reply: reply(550, "5.4.5", "Daily user sending limit exceeded")).disposition
                == .rateLimited(.dailyQuota)
        )
        #expect(SMTPFailure.senderRefused(reply: reply(550, "5.1.0", "Sender rejected")).disposition == .profileBroken)
    }

    @Test func recipientQuotaIsNotASenderLimitButOursIs() {
        let recipientFull = SMTPFailure.recipientRefused(reply: reply(452, "4.2.2", "Quota exceeded"))
        let ourQuota = SMTPFailure.recipientRefused(reply: reply(452, "4.5.3", "Quota exceeded"))
        #expect(recipientFull.disposition == .temporary)
        #expect(ourQuota.disposition == .rateLimited(.throttled))
    }

    @Test func wordsAreMatchedAsWordsNotInsideOthers() {
        // "separate", "accurate", "generate" hold "rate" but say nothing about a rate.
        let failure = SMTPFailure.dataRefused(
            reply: reply(550, "5.6.0", "Could not generate an accurate, separate header")
        )
        #expect(failure.disposition == .permanent)
    }
}
