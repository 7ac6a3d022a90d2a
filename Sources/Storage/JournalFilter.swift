public import struct Foundation.Date

/// Which letters the journal lists. Every condition left `nil` matches every letter; the ones
/// given must all hold.
public struct JournalFilter: Sendable, Equatable {
    /// The shortest recipient text the search can look up: the index holds runs of three
    /// characters, so a shorter text would match nothing.
    public static let minimumRecipientLength = 3

    public var status: LetterStatus?
    public var profileID: Int64?
    /// An event code, such as `order_placed` (`test` for «Проверка профиля» letters).
    public var event: String?
    /// Part of the recipient's address or name, in any case and script («иванов» finds
    /// «Иванов»); at least `minimumRecipientLength` characters.
    public var recipient: String?
    /// Letters created at this instant or later.
    public var createdFrom: Date?
    /// Letters created before this instant (the start of the day after the last one asked for).
    public var createdBefore: Date?
    /// Leaves out the letters of «Проверка профиля» (the journal's default view).
    public var hidesTests: Bool

    public init(
        status: LetterStatus? = nil,
        profileID: Int64? = nil,
        event: String? = nil,
        recipient: String? = nil,
        createdFrom: Date? = nil,
        createdBefore: Date? = nil,
        hidesTests: Bool = false
    ) {
        self.status = status
        self.profileID = profileID
        self.event = event
        self.recipient = recipient
        self.createdFrom = createdFrom
        self.createdBefore = createdBefore
        self.hidesTests = hidesTests
    }
}

/// One line of the journal: a letter without its bodies.
public struct JournalEntry: Sendable, Equatable {
    public var id: Int64
    public var profileID: Int64?
    /// The profile's name when the letter was queued or last moved (kept after a profile is deleted).
    public var profileName: String
    public var event: String
    public var toAddress: String
    public var toName: String
    public var subject: String
    public var status: LetterStatus
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastReply: String
    /// «возможен дубль»: a run died after the whole message had gone out, so it was sent again.
    public var possibleDuplicate: Bool
    public var createdAt: Date
    public var sentAt: Date?
    /// The profile that sent it (empty until sent): its own, or the reserve that carried it.
    public var sentProfileName: String
    /// Sent through a reserve profile («через резервный профиль»).
    public var viaReserve: Bool
    /// A priority letter (its place in the queue is among the priority letters).
    public var priority: Bool
    /// The reserve a queued letter may go again only through (its attempt there was ambiguous).
    public var viaProfileID: Int64?
    /// A test letter («Проверка профиля»): it never moves to a reserve.
    public var isTest: Bool

    init(_ row: Row) throws {
        id = try row.int64("id")
        profileID = try row.optionalInt64("profile_id")
        profileName = try row.string("profile_name")
        event = try row.string("event")
        toAddress = try row.string("to_address")
        toName = try row.string("to_name")
        subject = try row.string("subject")
        status = try row.enumValue(LetterStatus.self, "status")
        attempts = try row.int("attempts")
        nextAttemptAt = try row.date("next_attempt_at")
        lastReply = try row.string("last_reply")
        possibleDuplicate = try row.bool("possible_duplicate")
        createdAt = try row.date("created_at")
        sentAt = try row.optionalDate("sent_at")
        sentProfileName = try row.string("sent_profile_name")
        viaReserve = try row.bool("via_reserve")
        priority = try row.bool("priority")
        viaProfileID = try row.optionalInt64("via_profile_id")
        isTest = try row.bool("is_test")
    }
}

/// One page of the journal, newest first.
public struct JournalPage: Sendable, Equatable {
    public var entries: [JournalEntry]
    /// The `before` of the next page; nil on the last page.
    public var nextBefore: Int64?
}

/// One line of a letter's history (table `attempts`), oldest first.
public struct LetterAttempt: Sendable, Equatable {
    public var at: Date
    /// `sent`, `retry` (4xx or a lost connection, tried again later), `deferred` (the profile
    /// was paused or its login refused: not counted), `failed`, `ambiguous` / `abandoned` (a run
    /// died with the letter claimed), `admin_retry`, `admin_cancel`.
    public var outcome: String
    /// The SMTP step that failed (`SMTPStep` raw value), or empty.
    public var step: String
    public var reply: String
    public var profileName: String

    init(_ row: Row) throws {
        at = try row.date("at")
        outcome = try row.string("outcome")
        step = try row.string("step")
        reply = try row.string("reply")
        profileName = try row.string("profile_name")
    }
}

/// What an admin's action on a letter did.
public enum JournalChange: Sendable, Equatable {
    case done
    case notFound
    /// The letter is not in a state the action applies to (retrying a sent letter, cancelling
    /// one on the wire); nothing changed.
    case refused(current: LetterStatus)
}
