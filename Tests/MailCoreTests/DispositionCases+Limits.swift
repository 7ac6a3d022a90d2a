import MailCore

extension DispositionCase {
    /// Replies that report a sending limit or an anti-spam block, even as a 5xx.
    static let limits: [DispositionCase] = [
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
    ]
}
