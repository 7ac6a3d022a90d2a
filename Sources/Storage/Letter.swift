public import struct Foundation.Date

/// Where a letter is in its life (the journal shows these in Russian).
public enum LetterStatus: String, Sendable, CaseIterable {
    case queued
    case sending
    case sent
    case failed
    case cancelled
}

/// A letter to put in the queue, already rendered (later template edits do not change it).
public struct NewLetter: Sendable {
    public var profileID: Int64
    public var event: String
    public var toAddress: String
    public var toName: String
    public var subject: String
    public var text: String
    public var html: String
    public var messageID: String
    public var priority: Bool
    public var isTest: Bool
    public var idempotencyKey: String?

    public init(
        profileID: Int64,
        event: String = "",
        toAddress: String,
        toName: String = "",
        subject: String,
        text: String,
        html: String = "",
        messageID: String,
        priority: Bool = false,
        isTest: Bool = false,
        idempotencyKey: String? = nil
    ) {
        self.profileID = profileID
        self.event = event
        self.toAddress = toAddress
        self.toName = toName
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.priority = priority
        self.isTest = isTest
        self.idempotencyKey = idempotencyKey
    }
}

/// A letter as stored in the outbox.
public struct StoredLetter: Sendable, Equatable {
    public var id: Int64
    public var profileID: Int64?
    public var profileName: String
    public var event: String
    public var toAddress: String
    public var toName: String
    public var subject: String
    public var text: String
    public var html: String
    public var messageID: String
    public var priority: Bool
    public var isTest: Bool
    public var status: LetterStatus
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastReply: String
    public var possibleDuplicate: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var sentAt: Date?
    /// The reserve whose run holds the letter's claim, or through which an ambiguous attempt
    /// went (the letter then goes again only through it); nil otherwise.
    public var viaProfileID: Int64?
    /// Sent through a reserve profile («через резервный профиль»), not its own.
    public var viaReserve: Bool
    /// The name of the profile that sent it (empty until sent).
    public var sentProfileName: String
    /// The From address it went with (empty until sent, and for letters sent before it was kept).
    public var sentFrom: String

    init(_ row: Row) throws {
        id = try row.int64("id")
        profileID = try row.optionalInt64("profile_id")
        profileName = try row.string("profile_name")
        event = try row.string("event")
        toAddress = try row.string("to_address")
        toName = try row.string("to_name")
        subject = try row.string("subject")
        text = try row.string("body_text")
        html = try row.string("body_html")
        messageID = try row.string("message_id")
        priority = try row.bool("priority")
        isTest = try row.bool("is_test")
        status = try row.enumValue(LetterStatus.self, "status")
        attempts = try row.int("attempts")
        nextAttemptAt = try row.date("next_attempt_at")
        lastReply = try row.string("last_reply")
        possibleDuplicate = try row.bool("possible_duplicate")
        createdAt = try row.date("created_at")
        updatedAt = try row.date("updated_at")
        sentAt = try row.optionalDate("sent_at")
        viaProfileID = try row.optionalInt64("via_profile_id")
        viaReserve = try row.bool("via_reserve")
        sentProfileName = try row.string("sent_profile_name")
        sentFrom = try row.string("sent_from")
    }
}
