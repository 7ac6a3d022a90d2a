import MailCore

/// A server reply for test tables: `reply(550, "5.1.1", "No such user")`.
func reply(_ code: Int, _ enhanced: String?, _ text: String) -> SMTPReply {
    SMTPReply(code: code, enhancedCode: enhanced, text: text)
}
