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

/// A letter as stored in the outbox: its journal line (`entry`, read as `letter.status`,
/// `letter.toAddress` …) and what the journal does not list.
@dynamicMemberLookup
public struct StoredLetter: Sendable, Equatable {
    /// The columns the journal lists too, decoded once for both.
    public var entry: JournalEntry
    public var text: String
    public var html: String
    public var messageID: String
    public var isTest: Bool
    public var updatedAt: Date
    /// The reserve whose run holds the letter's claim, or through which an ambiguous attempt
    /// went (the letter then goes again only through it); nil otherwise.
    public var viaProfileID: Int64?
    /// The From address it went with (empty until sent, and for letters sent before it was kept).
    public var sentFrom: String

    public subscript<Value>(dynamicMember field: KeyPath<JournalEntry, Value>) -> Value {
        entry[keyPath: field]
    }

    init(_ row: Row) throws {
        entry = try JournalEntry(row)
        text = try row.string("body_text")
        html = try row.string("body_html")
        messageID = try row.string("message_id")
        isTest = try row.bool("is_test")
        updatedAt = try row.date("updated_at")
        viaProfileID = try row.optionalInt64("via_profile_id")
        sentFrom = try row.string("sent_from")
    }
}
