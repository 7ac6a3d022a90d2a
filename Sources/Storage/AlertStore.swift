public import MailCore

public import struct Foundation.Date

/// The alerts' settings and the state last announced per profile (`AlertRule`).
public struct AlertStore {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    static let recipientsKey = "alerts.recipients"
    static let webhookKey = "alerts.webhook"
    static let hoursKey = "alerts.hours"

    /// The stored settings; a stored value that no longer parses counts as not set.
    public func settings() throws -> AlertSettings {
        let store = SettingsStore(db)
        var settings = AlertSettings()
        if let text = try store.value(Self.recipientsKey) {
            settings.recipients = (try? AlertSettings.recipients(parsing: text)) ?? []
        }
        if let text = try store.value(Self.webhookKey) {
            settings.webhook = try? AlertSettings.webhook(parsing: text)
        }
        if let text = try store.value(Self.hoursKey), let hours = try? AlertSettings.hours(parsing: text) {
            settings.hours = hours
        }
        return settings
    }

    /// Stores `settings` in one transaction.
    public func save(_ settings: AlertSettings) throws {
        try db.write { db in
            let store = SettingsStore(db)
            try store.set(Self.recipientsKey, settings.recipientsText)
            try store.set(Self.webhookKey, settings.webhook?.text ?? "")
            try store.set(Self.hoursKey, String(settings.hours))
        }
    }

    /// The state last announced, per profile id.
    public func announced() throws -> [Int64: AlertState] {
        var states: [Int64: AlertState] = [:]
        for row in try db.rows("SELECT id, alert_state FROM profiles") {
            states[try row.int64("id")] = try row.enumValue(AlertState.self, "alert_state")
        }
        return states
    }

    /// Records that `change` is announced at `now`, if the stored state is still `change.from`:
    /// false when another run announced a change first (the caller then announces nothing).
    public func record(_ change: AlertChange, at now: Date) throws -> Bool {
        try db.write { db in
            try db.execute(
                "UPDATE profiles SET alert_state = ?, alert_changed_at = ? WHERE id = ? AND alert_state = ?",
                [change.to.rawValue, now, change.profileID, change.from.rawValue]
            )
            return db.changes == 1
        }
    }

    /// Whether the alerts may have something to announce at `now` with no letter due: someone is
    /// to be told, and some profile's login refusal or pause differs from what was announced (or
    /// a `slow` queue was). A prefilter for cron's idle minute (one query), so a run with nothing
    /// to send starts the alert check only when the check may find a change; `AlertRule` decides.
    public func mayHaveNews(now: Date) throws -> Bool {
        try db.integer(
            """
            SELECT EXISTS (SELECT 1 FROM settings WHERE key IN (?, ?) AND value <> '')
                AND EXISTS (SELECT 1 FROM profiles WHERE alert_state <> CASE
                    WHEN state = 'broken' THEN 'broken'
                    WHEN state = 'paused' AND paused_until > ? THEN 'paused'
                    ELSE 'ok' END)
            """,
            [Self.recipientsKey, Self.webhookKey, now]
        ) != 0
    }

    /// The profiles the panel's banner names at `now`: those whose login was refused, those
    /// paused, and those announced as falling behind; by name.
    public func failing(now: Date) throws -> [(name: String, state: AlertState)] {
        try db.rows(
            """
            SELECT name, CASE
                    WHEN state = 'broken' THEN 'broken'
                    WHEN state = 'paused' AND paused_until > ? THEN 'paused'
                    ELSE 'slow' END AS shown
            FROM profiles
            WHERE state = 'broken' OR (state = 'paused' AND paused_until > ?) OR alert_state = 'slow'
            ORDER BY name
            """,
            [now, now]
        ).map { (try $0.string("name"), try $0.enumValue(AlertState.self, "shown")) }
    }
}
