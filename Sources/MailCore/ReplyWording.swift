/// A server reply read for what it says: class, enhanced status code and wording, in English
/// and Russian. The rules and hints ask it questions; the word lists live here, in one place.
struct ReplyWording {
    let code: Int
    /// The RFC 3463 code (`5.4.5`), from the reply or, when the parser left it in, the text.
    let enhancedCode: String?
    /// The reply text, lower-cased.
    let text: String
    /// `text` split into runs of letters and digits, for words that are also parts of others
    /// (`rate` but not `separate`).
    let words: Set<Substring>

    init(_ reply: SMTPReply) {
        code = reply.code
        text = reply.text.lowercased()
        words = Set(text.split { !$0.isLetter && !$0.isNumber })
        let firstToken = text.split(separator: " ").first.map(String.init)
        enhancedCode =
            reply.enhancedCode
            ?? firstToken.flatMap { token in
                token.wholeMatch(of: /[245]\.\d{1,3}\.\d{1,3}/) != nil ? token : nil
            }
    }

    /// 4xx: try again later.
    var isTransient: Bool { (400..<500).contains(code) }
    /// 5xx: this will not work as it is.
    var isPermanent: Bool { (500..<600).contains(code) }

    /// True when the text holds any of `phrases` (lower-case).
    func mentions(_ phrases: [String]) -> Bool {
        phrases.contains { text.contains($0) }
    }

    /// True when the enhanced code's subject and detail (`2.2` of `5.2.2`) are one of `details`.
    func enhancedDetail(in details: [String]) -> Bool {
        guard let enhancedCode, let dot = enhancedCode.firstIndex(of: ".") else { return false }
        return details.contains(String(enhancedCode[enhancedCode.index(after: dot)...]))
    }

    // MARK: What the reply says

    /// The recipient's mailbox is full, disabled or receiving too fast (X.2.1–X.2.3): their
    /// side, not a limit of the sending mailbox.
    var saysRecipientMailboxUnavailable: Bool {
        enhancedDetail(in: ["2.1", "2.2", "2.3"])
            || mentions([
                "mailbox full", "mailbox is full", "mailbox size", "over quota", "overquota", "over its quota",
                "user is over", "mailbox has exceeded", "ящик переполнен", "ящик получателя переполнен",
            ])
    }

    /// The letter itself is too big (X.3.4).
    var saysMessageTooBig: Bool {
        enhancedDetail(in: ["3.4"])
            || mentions([
                "message size", "message too big", "message is too big", "too large", "size exceeds", "размер",
            ])
    }

    /// A daily sending quota: Gmail's `5.4.5`, Outlook's `SubmissionQuotaExceeded`, or a limit
    /// said to be per day.
    var saysDailyQuota: Bool {
        enhancedCode == "5.4.5" || mentions(["submissionquotaexceeded"])
            || (mentions(["daily", "per day", "24 hour", "24h", "today", "сутки", "суточн", "в день"])
                && mentions(["limit", "quota", "exceeded", "лимит", "превышен"]))
    }

    /// An anti-spam block: the letter, the mailbox or the sending address is taken for spam.
    var saysSpam: Bool {
        mentions(["spam", "спам", "unsolicited", "blocklist", "blacklist", "block list", "black list", "reputation"])
            || words.contains("dnsbl") || words.contains("rbl")
    }

    /// A short-term throttle: too many letters, connections or logins, or a rate limit.
    var saysThrottled: Bool {
        let limitWording = mentions([
            "limit", "too many", "too much mail", "too fast", "throttl", "slow down", "quota", "per hour",
            "exceeded the max", "лимит", "превышен", "слишком много", "слишком част", "ограничени",
        ])
        let notALimit = mentions(["too many errors", "too many hops", "too many bad commands", "too many invalid"])
        return (limitWording && !notALimit) || words.contains("rate") || enhancedDetail(in: ["7.28"])
            || (code == 421 && mentions(["try again later"]))
    }

    /// The server will not let this login send as this address, or will not relay for it:
    /// every letter of the profile would fail the same way.
    var saysSenderNotAllowed: Bool {
        mentions([
            "sender address rejected", "not owned by", "sendasdenied", "send as", "send mail as", "not allowed to send",
            "permissions to send", "sender not allowed", "not local sender", "sender verify failed",
        ]) || saysRelayDenied
    }

    /// The server does not relay for this client: it is not logged in or not allowed to send out.
    var saysRelayDenied: Bool {
        mentions([
            "relay access denied", "relaying denied", "relay not permitted", "relaying not allowed", "unable to relay",
        ])
    }
}
