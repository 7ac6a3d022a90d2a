public import Storage
import Templating

public import struct Foundation.Date

/// Puts the built-in events shipped in `templates/mail/` into the database. The executables
/// call it at `init` and when `serve` starts, so an upgrade that ships a new event adds it.
public enum ShippedEventsInstaller {
    /// Loads `<templatesDirectory>/mail` and adds each event the database does not have yet;
    /// an admin's edits are never overwritten. Throws `TemplateError` when a shipped event is
    /// incomplete or a template does not parse (a broken installation, reported at start).
    public static func install(from templatesDirectory: String, into db: Database, now: Date) throws {
        let shipped = try ShippedEvent.loadAll(from: templatesDirectory + "/mail")
        try EventStore(db).addMissing(
            shipped.map { event in
                StoredEvent(
                    code: event.code,
                    name: event.name.ru,
                    nameEnglish: event.name.en,
                    isBuiltin: true,
                    isPriority: event.isPriority,
                    subject: event.subject,
                    html: event.html,
                    text: event.text,
                    sample: event.sample.formatted,
                    updatedAt: now
                )
            }
        )
    }
}
