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

    /// Letters in flight when their profile is deleted finish through it: only queued ones move,
    /// and the delete page can say how many of each there are.
    @Test func deletingLeavesLettersInFlightToFinishOnTheirProfile() throws {
        let test = try TestDatabase()
        let keep = try test.addProfile("Keep", isDefault: true)
        let gone = try test.addProfile("Gone")
        let outbox = OutboxStore(test.database)
        let now = Fixtures.now
        func letter(_ number: Int) throws -> Int64 {
            try outbox.enqueue(
                NewLetter(
                    profileID: gone,
                    toAddress: "c\(number)@example.com",
                    subject: "S",
                    text: "T",
                    messageID: "d\(number)@x"
                ),
                now: now
            ).id
        }
        let queued = try letter(1)
        let (sent, retried, released) = (try letter(2), try letter(3), try letter(4))
        let lease = now.addingTimeInterval(600)
        let claimed = try outbox.claim(
            ids: [sent, retried, released],
            profileID: gone,
            by: Claimant(owner: "run", boot: Fixtures.boot),
            leaseUntil: lease,
            now: now
        )
        #expect(claimed.count == 3)
        let store = ProfileStore(test.database)
        #expect(try store.deletionEffect(id: gone) == (queued: 1, sending: 3))

        try store.delete(id: gone, now: now)
        #expect(try outbox.find(id: queued)?.profileID == keep)
        for id in [sent, retried, released] {
            let letter = try #require(try outbox.find(id: id))
            #expect(letter.status == .sending && letter.profileName == "Gone", "still on the wire through Gone")
        }

        // The run finishes its letters: one goes, one must wait again, one was never tried.
        #expect(try outbox.finish(id: sent, owner: "run", .sent(reply: "250 2.0.0 Ok"), now: now))
        let later = now.addingTimeInterval(300)
        #expect(
            try outbox.finish(
                id: retried,
                owner: "run",
                .requeue(at: later, reply: "connect: refused", step: "connect", countAttempt: true, mayHaveLeft: false),
                now: now
            )
        )
        try outbox.release(ids: [released], owner: "run", now: now)
        let done = try #require(try outbox.find(id: sent))
        #expect(done.status == .sent && done.profileName == "Gone", "the history names the profile that sent it")
        for id in [retried, released] {
            let letter = try #require(try outbox.find(id: id))
            #expect(letter.status == .queued && letter.profileID == keep && letter.profileName == "Keep")
        }
        let attempts = try test.database.rows("SELECT profile_name FROM attempts WHERE letter_id = ?", [retried])
        #expect(try attempts.map { try $0.string("profile_name") } == ["Gone"], "the attempt went through Gone")
    }

    /// A run that dies holding letters of a profile deleted meanwhile: the default profile's next
    /// run takes them back.
    @Test func theDefaultProfileTakesBackOrphanedClaims() throws {
        let test = try TestDatabase()
        let keep = try test.addProfile("Keep", isDefault: true)
        let gone = try test.addProfile("Gone")
        let outbox = OutboxStore(test.database)
        let now = Fixtures.now
        let id = try outbox.enqueue(
            NewLetter(profileID: gone, toAddress: "a@example.com", subject: "S", text: "T", messageID: "o1@x"),
            now: now
        ).id
        let lease = now.addingTimeInterval(60)
        _ = try outbox.claim(
            ids: [id],
            profileID: gone,
            by: Claimant(owner: "dead", boot: Fixtures.boot),
            leaseUntil: lease,
            now: now
        )
        try ProfileStore(test.database).delete(id: gone, now: now)
        #expect(try outbox.profilesWithWork(now: now).isEmpty, "the lease still runs")

        let later = now.addingTimeInterval(120)
        #expect(try outbox.hasWork(now: later))
        #expect(try outbox.profilesWithWork(now: later) == [keep])
        #expect(try outbox.recoverExpiredClaims(profileID: keep, now: later, boot: Fixtures.boot) == 1)
        let letter = try #require(try outbox.find(id: id))
        #expect(letter.status == .queued && letter.profileID == keep && letter.profileName == "Keep")
        #expect(try outbox.dueIDs(profileID: keep, priority: false, now: later, limit: 10) == [id])
    }

    /// A deleted profile's `sends` rows go with it (ON DELETE CASCADE), and SQLite may give a
    /// freed row id to the next send of another profile: a letter still in flight through the
    /// deleted profile must not take that row with it when it finishes.
    @Test func aLetterInFlightOfADeletedProfileLeavesOtherProfilesSendsAlone() throws {
        let test = try TestDatabase()
        let keep = try test.addProfile("Keep", isDefault: true)
        let gone = try test.addProfile("Gone")
        let outbox = OutboxStore(test.database)
        let now = Fixtures.now
        func letter(_ profile: Int64, _ number: Int) throws -> Int64 {
            try outbox.enqueue(
                NewLetter(
                    profileID: profile,
                    toAddress: "e\(number)@example.com",
                    subject: "S",
                    text: "T",
                    messageID: "e\(number)@x"
                ),
                now: now
            ).id
        }
        let inFlight = try letter(gone, 1)
        let waiting = try letter(keep, 2)
        _ = try outbox.claim(
            ids: [inFlight],
            profileID: gone,
            by: Claimant(owner: "gone-run", boot: Fixtures.boot),
            leaseUntil: now.addingTimeInterval(600),
            now: now
        )
        try ProfileStore(test.database).delete(id: gone, now: now)
        _ = try outbox.claim(
            ids: [waiting],
            profileID: keep,
            by: Claimant(owner: "keep-run", boot: Fixtures.boot),
            leaseUntil: now.addingTimeInterval(600),
            now: now
        )
        #expect(try outbox.sendHistory(profileID: keep, now: now).count == 1)
        let again = now.addingTimeInterval(300)
        try outbox.finish(
            id: inFlight,
            owner: "gone-run",
            .requeue(at: again, reply: "connect: refused", step: "connect", countAttempt: true, mayHaveLeft: false),
            now: now
        )
        #expect(try outbox.sendHistory(profileID: keep, now: now).count == 1, "Keep's letter still counts")
        #expect(try outbox.find(id: inFlight)?.profileID == keep)
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

    @Test func queuedAndSendingLettersAreCountedForTheDeletePage() throws {
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
        #expect(try ProfileStore(test.database).deletionEffect(id: id) == (queued: 2, sending: 1))
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

    /// A success or a failure is recorded with its time; an edit clears the failure (the admin
    /// changed what failed), not the success.
    @Test func successAndFailureAreRecordedAndAnEditClearsTheFailure() throws {
        let test = try TestDatabase()
        let id = try test.addProfile("Магазин")
        let store = ProfileStore(test.database)
        #expect(try store.find(id: id)?.health == ProfileHealth())
        let now = Fixtures.now
        try store.recordSuccess(id: id, at: now)
        try store.recordSuccess(id: id, at: now.addingTimeInterval(-60))
        try store.recordFailure(id: id, failure: "dns: Could not resolve host: x", at: now.addingTimeInterval(60))
        #expect(
            try store.find(id: id)?.health
                == ProfileHealth(
                    lastSuccessAt: now,
                    lastFailure: "dns: Could not resolve host: x",
                    lastFailureAt: now.addingTimeInterval(60)
                )
        )
        try store.update(id: id, Fixtures.settings(name: "Магазин"), now: now, seal: Fixtures.fakeSeal)
        #expect(try store.find(id: id)?.health == ProfileHealth(lastSuccessAt: now))
    }

    /// Migration 8 counts a profile that has sent before it as checked.
    @Test func theMigrationTakesTheLastSentLetterAsTheLastSuccess() throws {
        let folder = TemporaryDirectory()
        // A database as it was before step 8.
        let database = try Database(path: folder.file("old.sqlite"), migrate: false)
        for script in Migrations.steps.prefix(7) { try database.executeScript(script) }
        try database.execute("PRAGMA user_version = 7")
        for (id, name) in [(Int64(1), "Отправлял"), (2, "Молчал")] {
            try database.execute(
                """
                INSERT INTO profiles (id, name, host, port, security, sender_email, login, password_sealed,
                    is_default, max_per_day, interval_minutes, batch_size, priority_per_day, created_at, updated_at)
                VALUES (?, ?, 'smtp.example.com', 465, 'ssl', 'shop@example.com', 'shop', x'01', ?, 500, 0, 50, 50, 0, 0)
                """,
                [id, name, id == 1]
            )
        }
        let at = Fixtures.now
        try database.execute(
            """
            INSERT INTO letters (profile_id, profile_name, to_address, subject, body_text, message_id, status,
                next_attempt_at, created_at, updated_at, sent_at)
            VALUES (1, 'Отправлял', 'a@example.com', 'S', 'T', 'm1@x.ru', 'sent', ?, ?, ?, ?)
            """,
            [at, at, at, at]
        )
        try Migrations.apply(to: database)
        let store = ProfileStore(database)
        #expect(try store.find(id: 1)?.health.lastSuccessAt == at)
        #expect(try store.find(id: 2)?.health.lastSuccessAt == nil)
        #expect(try OutboxStore(database).find(id: 1)?.sentProfileName == "Отправлял", "step 10: sent by its own")
    }
}
