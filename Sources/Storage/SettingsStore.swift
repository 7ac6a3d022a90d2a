/// Shop-wide settings stored as text (time zone …).
public struct SettingsStore {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    public func value(_ key: String) throws -> String? {
        try db.row("SELECT value FROM settings WHERE key = ?", [key])?.optionalString("value")
    }

    public func set(_ key: String, _ value: String) throws {
        try db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value]
        )
    }
}
