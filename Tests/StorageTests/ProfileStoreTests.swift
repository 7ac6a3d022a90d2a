import Foundation
import MailCore
import MailTestSupport
import Testing

@testable import Storage

@Suite struct ProfileStoreTests {
    @Test func firstProfileBecomesDefault() throws {
        let test = try TestDatabase()
        let first = try test.addProfile("Первый", isDefault: false)
        let second = try test.addProfile("Второй", isDefault: false)
        let store = ProfileStore(test.database)
        #expect(try store.find(id: first)?.isDefault == true)
        #expect(try store.find(id: second)?.isDefault == false)
    }

    @Test func settingDefaultClearsItOnTheOthers() throws {
        let test = try TestDatabase()
        try test.addProfile("A")
        try test.addProfile("B")
        let c = try test.addProfile("C", isDefault: true)
        let store = ProfileStore(test.database)
        #expect(try store.all().filter(\.isDefault).map(\.id) == [c])
        let a = try #require(try store.find(name: "A"))
        try store.makeDefault(id: a.id, now: Fixtures.now)
        #expect(try store.all().filter(\.isDefault).map(\.id) == [a.id])
    }

    @Test func databaseRefusesTwoDefaults() throws {
        let test = try TestDatabase()
        try test.addProfile("A")
        try test.addProfile("B")
        #expect(throws: DatabaseError.self) {
            try test.database.execute("UPDATE profiles SET is_default = 1")
        }
    }

    @Test func uncheckingDefaultOnEditKeepsIt() throws {
        let test = try TestDatabase()
        let a = try test.addProfile("A")
        try test.addProfile("B")
        let store = ProfileStore(test.database)
        try store.update(
            id: a,
            Fixtures.settings(name: "A", isDefault: false),
            now: Fixtures.now,
            seal: Fixtures.fakeSeal
        )
        #expect(try store.defaultProfile()?.id == a)
    }

    @Test func editMakingAnotherDefaultMovesTheFlag() throws {
        let test = try TestDatabase()
        let a = try test.addProfile("A")
        let b = try test.addProfile("B")
        let store = ProfileStore(test.database)
        try store.update(
            id: b,
            Fixtures.settings(name: "B", isDefault: true),
            now: Fixtures.now,
            seal: Fixtures.fakeSeal
        )
        #expect(try store.find(id: a)?.isDefault == false)
        #expect(try store.defaultProfile()?.id == b)
    }

    @Test func duplicateNameIsRefused() throws {
        let test = try TestDatabase()
        let a = try test.addProfile("A")
        try test.addProfile("B")
        #expect(throws: ProfileStoreError.duplicateName) { try test.addProfile("A") }
        let store = ProfileStore(test.database)
        #expect(throws: ProfileStoreError.duplicateName) {
            try store.update(id: a, Fixtures.settings(name: "B"), now: Fixtures.now, seal: Fixtures.fakeSeal)
        }
        #expect(try store.count() == 2)
    }

    @Test func lastProfileCannotBeDeleted() throws {
        let test = try TestDatabase()
        let only = try test.addProfile("Единственный")
        let store = ProfileStore(test.database)
        #expect(throws: ProfileStoreError.lastProfile) { try store.delete(id: only, now: Fixtures.now) }
        #expect(try store.count() == 1)
    }

    @Test func defaultCannotBeDeletedWhileOthersExist() throws {
        let test = try TestDatabase()
        let a = try test.addProfile("A")
        let b = try test.addProfile("B")
        let store = ProfileStore(test.database)
        #expect(throws: ProfileStoreError.isDefault) { try store.delete(id: a, now: Fixtures.now) }
        try store.makeDefault(id: b, now: Fixtures.now)
        try store.delete(id: a, now: Fixtures.now)
        #expect(try store.all().map(\.name) == ["B"])
        #expect(try store.defaultProfile()?.id == b)
    }

    @Test func deletingMovesQueuedLettersToDefaultAndKeepsHistory() throws {
        let test = try TestDatabase()
        let keep = try test.addProfile("Keep", isDefault: true)
        let gone = try test.addProfile("Gone")
        let db = test.database
        for (status, messageID) in [("queued", "q@x"), ("sent", "s@x")] {
            try db.execute(
                """
                INSERT INTO letters (profile_id, profile_name, to_address, subject, body_text, message_id, status,
                    next_attempt_at, created_at, updated_at)
                VALUES (?, 'Gone', 'a@example.com', 's', 't', ?, ?, 0, 0, 0)
                """,
                [gone, messageID, status]
            )
        }
        try ProfileStore(db).delete(id: gone, now: Fixtures.now)
        let rows = try db.rows("SELECT status, profile_id, profile_name FROM letters ORDER BY id")
        #expect(try rows[0].optionalInt64("profile_id") == keep)
        #expect(try rows[0].string("profile_name") == "Keep", "the journal shows where it will go")
        #expect(try rows[1].optionalInt64("profile_id") == nil)
        #expect(try rows[1].string("profile_name") == "Gone")
    }

    @Test func passwordIsSealedForTheNewProfileAsStored() throws {
        let test = try TestDatabase()
        let id = try test.addProfile("A")
        let store = ProfileStore(test.database)
        let profile = try #require(try store.find(id: id))
        #expect(try store.sealedPassword(id: id) == Fixtures.fakeSeal("app-password", profile))
    }

    @Test func editWithoutPasswordKeepsTheStoredOne() throws {
        let test = try TestDatabase()
        let id = try test.addProfile("A")
        var settings = Fixtures.settings(name: "A")
        settings.newPassword = nil
        settings.limits.maxPerDay = 300
        let store = ProfileStore(test.database)
        #expect(try store.update(id: id, settings, now: Fixtures.now, seal: Fixtures.fakeSeal) == false)
        let profile = try #require(try store.find(id: id))
        #expect(try store.sealedPassword(id: id) == Fixtures.fakeSeal("app-password", profile))
        settings.newPassword = "new"
        try store.update(id: id, settings, now: Fixtures.now, seal: Fixtures.fakeSeal)
        #expect(try store.sealedPassword(id: id) == Fixtures.fakeSeal("new", profile))
    }

    /// A stolen session must not send the stored password to a server of its choosing: a save
    /// that changes host, port, SSL mode or login without a new password drops the old one.
    @Test(arguments: ["host", "port", "security", "login"])
    func changingTheServerWithoutAPasswordDropsTheStoredOne(field: String) throws {
        let test = try TestDatabase()
        let id = try test.addProfile("A")
        var settings = Fixtures.settings(name: "A")
        settings.newPassword = nil
        switch field {
        case "host": settings.host = "attacker.example"
        case "port": settings.port = 2525
        case "security": settings.security = .starttls
        default: settings.login = "other@example.com"
        }
        let store = ProfileStore(test.database)
        #expect(try store.update(id: id, settings, now: Fixtures.now, seal: Fixtures.fakeSeal))
        #expect(try store.sealedPassword(id: id) == nil)
        let saved = try #require(try store.find(id: id))
        #expect(
            [saved.host, String(saved.port), saved.security.rawValue, saved.login]
                == [settings.host, String(settings.port), settings.security.rawValue, settings.login]
        )
    }

    /// A password typed in the same save is sealed for the new server.
    @Test func changingTheServerWithANewPasswordSealsItForTheNewServer() throws {
        let test = try TestDatabase()
        let id = try test.addProfile("A")
        var settings = Fixtures.settings(name: "A")
        settings.host = "smtp2.example.com"
        settings.newPassword = "typed-again"
        let store = ProfileStore(test.database)
        #expect(try store.update(id: id, settings, now: Fixtures.now, seal: Fixtures.fakeSeal) == false)
        let profile = try #require(try store.find(id: id))
        #expect(profile.host == "smtp2.example.com")
        #expect(try store.sealedPassword(id: id) == Fixtures.fakeSeal("typed-again", profile))
    }

    @Test func permissionsAreStoredAndOffByDefault() throws {
        let test = try TestDatabase()
        let store = ProfileStore(test.database)
        let plain = try #require(try store.find(id: try test.addProfile("A")))
        #expect(!plain.allowPlainAuth && !plain.allowPrivateHost)
        var settings = Fixtures.settings(name: "B")
        settings.allowPlainAuth = true
        settings.allowPrivateHost = true
        let id = try store.create(settings, now: Fixtures.now, seal: Fixtures.fakeSeal)
        let allowed = try #require(try store.find(id: id))
        #expect(allowed.allowPlainAuth && allowed.allowPrivateHost)
    }

    /// A password sealed in an older form is replaced only if nobody changed it meanwhile.
    @Test func replacingTheSealedPasswordComparesFirst() throws {
        let test = try TestDatabase()
        let id = try test.addProfile("A")
        let store = ProfileStore(test.database)
        let old = try #require(try store.sealedPassword(id: id))
        #expect(try store.replaceSealedPassword(id: id, old: old, new: [2, 9]))
        #expect(try store.sealedPassword(id: id) == [2, 9])
        #expect(try store.replaceSealedPassword(id: id, old: old, new: [2, 7]) == false)
        #expect(try store.sealedPassword(id: id) == [2, 9])
    }

    @Test func unfinishedLettersAreCountedForTheDeletePage() throws {
        let test = try TestDatabase()
        let id = try test.addProfile("A")
        for (number, status) in ["queued", "sending", "sent", "failed", "queued"].enumerated() {
            try test.database.execute(
                """
                INSERT INTO letters (profile_id, to_address, subject, body_text, message_id, status,
                    next_attempt_at, created_at, updated_at)
                VALUES (?, 'c@example.com', 'S', 'T', ?, ?, 0, 0, 0)
                """,
                [id, "m\(number)@shop.example", status]
            )
        }
        #expect(try ProfileStore(test.database).unfinishedLetterCount(id: id) == 3)
    }

    @Test func concurrentWritersKeepExactlyOneDefault() throws {
        let test = try TestDatabase()
        for index in 0..<4 { try test.addProfile("P\(index)") }
        let path = test.directory.file("mailrobot.sqlite")
        let ids = try ProfileStore(test.database).all().map(\.id)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            let db = try! Database(path: path)
            for round in 0..<25 {
                try! ProfileStore(db).makeDefault(id: ids[(worker + round) % ids.count], now: Fixtures.now)
            }
        }
        #expect(try test.database.integer("SELECT count(*) FROM profiles WHERE is_default = 1") == 1)
    }
}
