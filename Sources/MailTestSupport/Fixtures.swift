public import Foundation
public import MailCore
public import Storage

/// Ready-made values for tests.
public enum Fixtures {
    /// 2026-12-01 09:00:00 UTC, a fixed "now".
    public static let now = Date(timeIntervalSince1970: 1_796_115_600)

    /// The machine's boot id in tests; a recovery given another reads it as a reboot since.
    public static let boot = "test-boot"

    /// A valid profile form; change fields to make it invalid.
    public static func draft(name: String = "Магазин", login: String = "shop@example.com") -> ProfileDraft {
        var draft = ProfileDraft()
        draft.name = name
        draft.host = "smtp.example.com"
        draft.port = "465"
        draft.security = SecurityMode.ssl.rawValue
        draft.senderName = "Интернет-магазин"
        draft.login = login
        draft.password = "app-password"
        return draft
    }

    /// Settings that passed validation.
    public static func settings(name: String = "Магазин", isDefault: Bool = false) -> ProfileSettings {
        var draft = draft(name: name)
        draft.isDefault = isDefault
        return try! ProfileValidator.validate(draft, isNew: true)
    }

    /// A stored profile of `settings` (the test settings unless given), as `ProfileStore` would
    /// read it back, for tests of rules that take a `Profile` without a database.
    public static func profile(
        _ settings: ProfileSettings = settings(),
        id: Int64 = 1,
        state: ProfileState = .ok,
        health: ProfileHealth = ProfileHealth()
    ) -> Profile {
        Profile(
            id: id,
            name: settings.name,
            host: settings.host,
            port: settings.port,
            security: settings.security,
            senderName: settings.senderName,
            senderEmail: settings.senderEmail,
            login: settings.login,
            allowPlainAuth: settings.allowPlainAuth,
            allowPrivateHost: settings.allowPrivateHost,
            isDefault: settings.isDefault,
            limits: settings.limits,
            reserveID: settings.reserveID,
            state: state,
            health: health,
            updatedAt: now
        )
    }

    /// A trivially reversible "seal" for storage tests that do not care about cryptography; like
    /// the real one it depends on what the password is bound to (profile id, host, port, login).
    public static func fakeSeal(_ password: String, _ profile: Profile) -> [UInt8] {
        Array("\(profile.id)|\(profile.host)|\(profile.port)|\(profile.login):\(password)".utf8)
    }
}

/// A database in a temporary folder, deleted with the value.
public final class TestDatabase {
    public let directory = TemporaryDirectory()
    public let database: Database

    public init() throws {
        database = try Database(path: directory.file("mailrobot.sqlite"))
    }

    /// Creates a profile with test settings and returns its id.
    @discardableResult
    public func addProfile(_ name: String, isDefault: Bool = false, limits: ProfileLimits? = nil) throws -> Int64 {
        var settings = Fixtures.settings(name: name, isDefault: isDefault)
        if let limits { settings.limits = limits }
        return try ProfileStore(database).create(settings, now: Fixtures.now, seal: Fixtures.fakeSeal)
    }
}
