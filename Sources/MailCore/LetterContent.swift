public import struct Foundation.Date

/// What a letter says and to whom, before it is written out as MIME.
public struct LetterContent: Sendable {
    public var from: Mailbox
    public var to: Mailbox
    /// Any Unicode text without control characters (checked when the letter is built).
    public var subject: String
    /// The plain-text version; line breaks of any kind are allowed.
    public var text: String
    /// The HTML version; nil or empty for a plain-text letter.
    public var html: String?
    public var messageID: MessageID
    public var date: Date

    public init(
        from: Mailbox,
        to: Mailbox,
        subject: String,
        text: String,
        html: String?,
        messageID: MessageID,
        date: Date
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
    }
}
