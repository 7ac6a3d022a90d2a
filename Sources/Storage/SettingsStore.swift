public import struct Foundation.TimeZone

/// Shop-wide settings stored as text.
public struct SettingsStore {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    public func value(_ key: String) throws -> String? {
        try db.row("SELECT value FROM settings WHERE key = ?", [key]).map { try $0.string("value") }
    }

    public func set(_ key: String, _ value: String) throws {
        try db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value]
        )
    }

    /// The zone the shop reads times in (pages, exports, `Date` headers); Europe/Moscow until
    /// an admin chooses another.
    public func timeZone() throws -> TimeZone {
        let name = try value(Self.timeZoneKey) ?? Self.defaultTimeZone
        return TimeZone(identifier: name) ?? TimeZone(identifier: Self.defaultTimeZone) ?? .gmt
    }

    /// Stores the shop's zone; false (and nothing stored) for a name the system does not know.
    public func setTimeZone(_ identifier: String) throws -> Bool {
        guard TimeZone(identifier: identifier) != nil, TimeZone.knownTimeZoneIdentifiers.contains(identifier) else {
            return false
        }
        try set(Self.timeZoneKey, identifier)
        return true
    }

    public static let defaultTimeZone = "Europe/Moscow"
    static let timeZoneKey = "timezone"
}
