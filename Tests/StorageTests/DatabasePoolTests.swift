import Foundation
import MailTestSupport
import Testing

@testable import Storage

@Suite struct DatabasePoolTests {
    private func letter(_ number: Int, profile: Int64, key: String? = nil) -> NewLetter {
        NewLetter(
            profileID: profile,
            toAddress: "c\(number)@example.com",
            subject: "S",
            text: "T",
            messageID: "pool\(number)@shop.example",
            idempotencyKey: key
        )
    }

    @Test func concurrentEnqueuesShareCommitsAndEachGetsItsLetter() throws {
        let test = try TestDatabase()
        let profile = try test.addProfile("Магазин")
        let pool = try DatabasePool(path: test.directory.file("mailrobot.sqlite"))
        let ids = Locked<[Int64]>([])
        DispatchQueue.concurrentPerform(iterations: 200) { number in
            let id = try! pool.withConnection { db in
                try OutboxStore(db).enqueue(letter(number, profile: profile), now: Fixtures.now).id
            }
            ids.withLock { $0.append(id) }
        }
        let all = ids.withLock { $0 }
        #expect(Set(all).count == 200)
        #expect(try test.database.integer("SELECT count(*) FROM letters") == 200)
    }

    @Test func oneFailingWriteDoesNotTakeTheOthersDown() throws {
        let test = try TestDatabase()
        let profile = try test.addProfile("Магазин")
        let pool = try DatabasePool(path: test.directory.file("mailrobot.sqlite"))
        let failures = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 40) { number in
            do {
                _ = try pool.withConnection { db in
                    // Every fifth letter reuses a Message-ID: the UNIQUE constraint refuses it.
                    let messageNumber = number % 5 == 4 ? 0 : number
                    var new = letter(messageNumber, profile: profile)
                    new.toAddress = "x\(number)@example.com"
                    return try OutboxStore(db).enqueue(new, now: Fixtures.now)
                }
            } catch {
                failures.withLock { $0 += 1 }
            }
        }
        #expect(failures.withLock { $0 } == 8)
        #expect(try test.database.integer("SELECT count(*) FROM letters") == 32)
    }

    @Test func repeatedIdempotencyKeyAcrossThreadsMakesOneLetter() throws {
        let test = try TestDatabase()
        let profile = try test.addProfile("Магазин")
        let pool = try DatabasePool(path: test.directory.file("mailrobot.sqlite"))
        let ids = Locked<Set<Int64>>([])
        DispatchQueue.concurrentPerform(iterations: 20) { number in
            let id = try! pool.withConnection { db in
                try OutboxStore(db).enqueue(letter(number, profile: profile, key: "order-1"), now: Fixtures.now).id
            }
            ids.withLock { _ = $0.insert(id) }
        }
        #expect(ids.withLock { $0.count } == 1)
        #expect(try test.database.integer("SELECT count(*) FROM letters") == 1)
    }
}
