import MailCore

extension DispositionCase {
    /// Replies that refuse the login, the TLS handshake, the recipient or the size.
    static let refusals: [DispositionCase] = [
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
    ]
}
