public import struct Foundation.Date

/// An event the shop raises and the letter it becomes.
public struct StoredEvent: Sendable, Equatable {
    public var code: String
    public var name: String
    public var nameEnglish: String
    public var isBuiltin: Bool
    public var isEnabled: Bool
    /// The profile its letters go through; nil: the default profile.
    public var profileID: Int64?
    public var isPriority: Bool
    public var subject: String
    public var html: String
    public var text: String
    /// Sample variables as a JSON object: the preview's data and the list of expected variables.
    public var sample: String
    public var updatedAt: Date

    public init(
        code: String,
        name: String,
        nameEnglish: String = "",
        isBuiltin: Bool = false,
        isEnabled: Bool = true,
        profileID: Int64? = nil,
        isPriority: Bool = false,
        subject: String,
        html: String,
        text: String = "",
        sample: String = "{}",
        updatedAt: Date
    ) {
        self.code = code
        self.name = name
        self.nameEnglish = nameEnglish
        self.isBuiltin = isBuiltin
        self.isEnabled = isEnabled
        self.profileID = profileID
        self.isPriority = isPriority
        self.subject = subject
        self.html = html
        self.text = text
        self.sample = sample
        self.updatedAt = updatedAt
    }

    init(_ row: Row) throws {
        try self.init(
            code: row.string("code"),
            name: row.string("name"),
            nameEnglish: row.string("name_en"),
            isBuiltin: row.bool("builtin"),
            isEnabled: row.bool("enabled"),
            profileID: row.optionalInt64("profile_id"),
            isPriority: row.bool("priority"),
            subject: row.string("subject"),
            html: row.string("html"),
            text: row.string("text"),
            sample: row.string("sample"),
            updatedAt: row.date("updated_at")
        )
    }
}

/// An event's code and names: what the journal shows of an event.
public struct EventName: Sendable, Equatable {
    public let code: String
    public let name: String
    public let nameEnglish: String
}

/// Events in the database.
public struct EventStore {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    public func all() throws -> [StoredEvent] {
        try db.rows("SELECT * FROM events ORDER BY builtin DESC, name").map(StoredEvent.init)
    }

    /// Every event's code and names, in the order of `all()`, without the templates.
    public func names() throws -> [EventName] {
        try db.rows("SELECT code, name, name_en FROM events ORDER BY builtin DESC, name").map { row in
            try EventName(code: row.string("code"), name: row.string("name"), nameEnglish: row.string("name_en"))
        }
    }

    public func find(code: String) throws -> StoredEvent? {
        try db.row("SELECT * FROM events WHERE code = ?", [code]).map(StoredEvent.init)
    }

    /// Adds the shipped events the database does not have yet; never overwrites an admin's edits.
    public func addMissing(_ events: [StoredEvent]) throws {
        try db.write { db in
            for event in events {
                try db.execute(
                    """
                    INSERT OR IGNORE INTO events (code, name, name_en, builtin, enabled, priority, subject, html, text,
                        sample, created_at, updated_at)
                    VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        event.code, event.name, event.nameEnglish, event.isBuiltin, event.isPriority, event.subject,
                        event.html, event.text, event.sample, event.updatedAt, event.updatedAt,
                    ]
                )
            }
        }
    }

    /// Adds an admin's own event; false when the code is taken.
    public func add(_ event: StoredEvent) throws -> Bool {
        do {
            try db.execute(
                """
                INSERT INTO events (code, name, name_en, builtin, enabled, profile_id, priority, subject, html, text,
                    sample, created_at, updated_at)
                VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    event.code, event.name, event.nameEnglish, event.isEnabled, event.profileID, event.isPriority,
                    event.subject, event.html, event.text, event.sample, event.updatedAt, event.updatedAt,
                ]
            )
            return true
        } catch let error as DatabaseError where error.isUniqueViolation {
            return false
        }
    }

    /// Saves an edited event (its code and built-in flag never change).
    public func update(_ event: StoredEvent) throws {
        try db.execute(
            """
            UPDATE events SET name = ?, name_en = ?, enabled = ?, profile_id = ?, priority = ?, subject = ?, html = ?,
                text = ?, sample = ?, updated_at = ?
            WHERE code = ?
            """,
            [
                event.name, event.nameEnglish, event.isEnabled, event.profileID, event.isPriority, event.subject,
                event.html, event.text,
                event.sample, event.updatedAt, event.code,
            ]
        )
    }
}
