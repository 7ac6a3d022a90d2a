import MailCore

extension DispositionCase {
    /// Profile settings, servers that will not talk, other 4xx/5xx, and no reply.
    static let others: [DispositionCase] = [
        // The robot's own refusals: every letter of the profile would meet them.
        DispositionCase(.addressNotAllowed(address: "10.0.0.5", scope: .privateNetwork), .notAllowed, .profileBroken),
        DispositionCase(.clearTextLoginNotAllowed, .notAllowed, .profileBroken),
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
}
