import Foundation
import MailTestSupport
import Synchronization
import Testing

@testable import Storage

@Suite struct DatabaseBackupTests {
    /// A database with a profile and `count` letters.
    private func filled(_ count: Int) throws -> (TestDatabase, Int64) {
        let test = try TestDatabase()
        let profile = try test.addProfile("Магазин", isDefault: true)
        for number in 0..<count {
            _ = try OutboxStore(test.database).enqueue(letter(profile, number), now: Fixtures.now)
        }
        return (test, profile)
    }

    private func letter(_ profile: Int64, _ number: Int) -> NewLetter {
        NewLetter(
            profileID: profile,
            toAddress: "c\(number)@example.com",
            subject: "S\(number)",
            text: "T",
            messageID: "b\(number)@shop.example"
        )
    }

    @Test func aBackupIsOnePrivateFileThatRestoresEverything() throws {
        let (source, _) = try filled(25)
        _ = try AdminStore(source.database).add(name: "admin", passwordHash: "h", now: Fixtures.now)
        let admin = try #require(try AdminStore(source.database).find(name: "admin"))
        try SessionStore(source.database).create(tokenDigest: "d", adminID: admin.id, csrfToken: "c", now: Fixtures.now)
        let file = source.directory.file("backup.sqlite")
        let written = try DatabaseBackup.write(source.database, to: file)
        #expect(written.letters == 25 && written.profiles == 1)
        #expect(written.schemaVersion == Database.latestSchemaVersion)
        // One file: no -wal beside it, nothing left half-written, readable by its owner only.
        #expect(!FileManager.default.fileExists(atPath: file + "-wal"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: source.directory.path).filter { $0.contains("partial") }
                .isEmpty
        )
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)
        #expect(try DatabaseBackup.inspect(file) == written)

        let target = try TestDatabase()
        try target.addProfile("Другой")
        let restored = try DatabaseBackup.restore(file, into: target.database)
        #expect(restored == written)
        #expect(try OutboxStore(target.database).find(id: 25)?.toAddress == "c24@example.com")
        #expect(try ProfileStore(target.database).find(name: "Другой") == nil)
        // Sessions of the backup's time never open again.
        #expect(try SessionStore(target.database).find(tokenDigest: "d") == nil)
    }

    @Test func aBackupHoldsEveryLetterCommittedBeforeItBeganWhileWritersGoOn() throws {
        let (source, profile) = try filled(2_000)
        let stop = StopFlag()
        let path = source.directory.file("mailrobot.sqlite")
        // Another connection keeps committing letters while the backup runs.
        let writer = Thread {
            guard let db = try? Database(path: path) else { return }
            var number = 10_000
            while !stop.value.load(ordering: .relaxed) {
                _ = try? OutboxStore(db).enqueue(self.letter(profile, number), now: Fixtures.now)
                number += 1
            }
        }
        writer.start()
        defer { stop.value.store(true, ordering: .relaxed) }
        Thread.sleep(forTimeInterval: 0.05)
        let committedBefore = try source.database.integer("SELECT max(id) FROM letters")
        let file = source.directory.file("backup.sqlite")
        let facts = try DatabaseBackup.write(try Database(path: path), to: file)
        stop.value.store(true, ordering: .relaxed)

        let copy = try Database(path: file, migrate: false)
        #expect(try copy.integrityProblem() == nil)
        let ids = try copy.integer("SELECT count(*) FROM letters WHERE id <= ?", [committedBefore])
        #expect(ids == committedBefore)
        // One snapshot: the count it reported is the count it holds, without gaps.
        #expect(try copy.integer("SELECT count(*) FROM letters") == Int64(facts.letters))
        #expect(try copy.integer("SELECT max(id) FROM letters") == Int64(facts.letters))
    }

    @Test func restoreRefusesWhatIsNotABackupItCanUse() throws {
        let (source, _) = try filled(3)
        let target = try TestDatabase()
        let folder = source.directory

        let text = folder.file("notes.txt")
        try Data("not a database at all, but long enough to look like a header of one".utf8).write(
            to: URL(fileURLWithPath: text)
        )
        #expect(throws: BackupProblem.notMailrobot(path: text)) {
            try DatabaseBackup.restore(text, into: target.database)
        }

        let other = folder.file("other.sqlite")
        try Database(path: other, migrate: false).execute("CREATE TABLE t (x)")
        #expect(throws: BackupProblem.notMailrobot(path: other)) { try DatabaseBackup.inspect(other) }

        let newer = folder.file("newer.sqlite")
        try DatabaseBackup.write(source.database, to: newer)
        try Database(path: newer, migrate: false).execute("PRAGMA user_version = 999")
        #expect(throws: BackupProblem.newerSchema(path: newer, version: 999, known: Database.latestSchemaVersion)) {
            try DatabaseBackup.restore(newer, into: target.database)
        }

        let damaged = folder.file("damaged.sqlite")
        try DatabaseBackup.write(source.database, to: damaged)
        try damage(damaged)
        #expect {
            try DatabaseBackup.inspect(damaged)
        } throws: { error in
            if case .damaged = error as? BackupProblem { return true }
            return false
        }
        #expect(throws: BackupProblem.self) { try DatabaseBackup.inspect(folder.file("missing.sqlite")) }
        // Nothing was replaced by any of them.
        #expect(try target.database.integer("SELECT count(*) FROM letters") == 0)
    }

    @Test func anOlderSchemaIsBroughtUpToDate() throws {
        // A database as the first release left it: the first four steps of the schema.
        let folder = TemporaryDirectory()
        let file = folder.file("old.sqlite")
        let old = try Database(path: file, migrate: false)
        for script in Migrations.steps.prefix(4) { try old.executeScript(script) }
        try old.execute("PRAGMA user_version = 4")
        let target = try TestDatabase()
        #expect(try DatabaseBackup.restore(file, into: target.database).schemaVersion == 4)
        #expect(try target.database.schemaVersion() == Database.latestSchemaVersion)
        try HeartbeatStore(target.database).record(.senderPass, at: Fixtures.now)
    }

    @Test func aFailedWriteLeavesTheOldBackupInPlace() throws {
        let (source, _) = try filled(1)
        let file = source.directory.file("backup.sqlite")
        try DatabaseBackup.write(source.database, to: file)
        let folder = source.directory.file("locked")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        #expect(throws: BackupProblem.self) { try DatabaseBackup.write(source.database, to: folder) }
        #expect(try DatabaseBackup.inspect(file).letters == 1)
    }

    /// Overwrites the middle of the letters table's pages, as a failing disk would.
    private func damage(_ path: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        // Every page after the first two gets a b-tree page header no SQLite writes (type 0xA5),
        // whatever free space the schema leaves inside the pages.
        for page in stride(from: UInt64(4096 * 2), to: size, by: 4096) {
            try handle.seek(toOffset: page)
            handle.write(Data(repeating: 0xA5, count: 16))
        }
        try handle.close()
    }
}

/// Tells a writer thread to stop.
private final class StopFlag: Sendable {
    let value = Atomic(false)
}
