import Foundation
import MailCore
import MailTestSupport
import Testing

@testable import Storage

/// The schema's steps applied to a database an earlier release left behind.
@Suite struct MigrationsTests {
    let folder = TemporaryDirectory()

    /// A database at schema 6 (before the two permissions of issue 10) with one profile per
    /// (host, security, login), each given an id in the order listed.
    private func schemaSix(_ profiles: [(host: String, security: String, login: String)]) throws -> Database {
        let database = try Database(path: folder.file("old.sqlite"), migrate: false)
        for script in Migrations.steps.prefix(6) { try database.executeScript(script) }
        try database.execute("PRAGMA user_version = 6")
        for (index, profile) in profiles.enumerated() {
            try database.execute(
                """
                INSERT INTO profiles (id, name, host, port, security, sender_email, login, password_sealed,
                    is_default, max_per_day, interval_minutes, batch_size, priority_per_day, created_at, updated_at)
                VALUES (?, ?, ?, 25, ?, 'shop@example.com', ?, x'01', ?, 500, 0, 50, 50, 0, 0)
                """,
                [Int64(index + 1), "Профиль \(index + 1)", profile.host, profile.security, profile.login, index == 0]
            )
        }
        return database
    }

    /// An upgrade must not stop a shop's mail: a profile that logged in over plain text keeps
    /// doing so, one whose host is written as a loopback or private address keeps reaching it.
    @Test func existingProfilesKeepWhatTheyDidBeforeThePermissions() throws {
        let cases: [(host: String, security: String, login: String, plain: Bool, privateHost: Bool)] = [
            ("127.0.0.1", "none", "shop@example.com", true, true),
            ("localhost", "starttls", "shop", false, true),
            ("LocalHost", "none", "", false, true),
            ("smtp.mail.ru", "none", "shop@mail.ru", true, false),
            ("smtp.mail.ru", "ssl", "shop@mail.ru", false, false),
            ("relay.example.com", "none", "", false, false),
            ("10.1.2.3", "ssl", "shop", false, true),
            ("192.168.0.10", "ssl", "shop", false, true),
            ("172.16.0.1", "ssl", "shop", false, true),
            ("172.31.255.1", "ssl", "shop", false, true),
            ("172.32.0.1", "ssl", "shop", false, false),
            ("169.254.1.1", "ssl", "shop", false, true),
            ("::1", "ssl", "shop", false, true),
            ("[::1]", "ssl", "shop", false, true),
            ("fd12:3456::25", "ssl", "shop", false, true),
            ("fe80::1", "ssl", "shop", false, true),
            ("fdmail.example.com", "ssl", "shop", false, false),
            ("10mail.example.com", "ssl", "shop", false, false),
        ]
        let database = try schemaSix(cases.map { ($0.host, $0.security, $0.login) })
        try Migrations.apply(to: database)
        #expect(try database.schemaVersion() == Migrations.latestVersion)
        let store = ProfileStore(database)
        for (index, expected) in cases.enumerated() {
            let profile = try #require(try store.find(id: Int64(index + 1)))
            #expect(
                profile.allowPlainAuth == expected.plain,
                "plain-text login of \(expected.host), \(expected.security), login \(expected.login)"
            )
            #expect(profile.allowPrivateHost == expected.privateHost, "private host \(expected.host)")
        }
    }

    @Test func aProfileCreatedAfterTheUpgradeHasNeitherPermission() throws {
        let database = try schemaSix([("127.0.0.1", "none", "shop@example.com")])
        try Migrations.apply(to: database)
        var settings = Fixtures.settings(name: "Новый")
        settings.host = "127.0.0.1"
        let id = try ProfileStore(database).create(settings, now: Fixtures.now, seal: Fixtures.fakeSeal)
        let profile = try #require(try ProfileStore(database).find(id: id))
        #expect(!profile.allowPlainAuth)
        #expect(!profile.allowPrivateHost)
    }
}
