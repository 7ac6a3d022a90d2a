import Foundation
import MailTestSupport
import Testing

@testable import Storage

@Suite struct GroupCommitTests {
    /// How one writer's call ended.
    enum Outcome: Hashable {
        case value(Int)
        case error
    }

    /// Writers on threads of their own, each on a connection of its own, sharing one `GroupCommit`.
    final class Writers: Sendable {
        let path: String
        let group = GroupCommit()
        let outcomes = Locked<[String: Outcome]>([:])
        private let running = DispatchGroup()

        init(path: String) {
            self.path = path
        }

        func start(_ name: String, _ work: @escaping @Sendable (Database) throws -> Int) {
            running.enter()
            Thread.detachNewThread { [self] in
                defer { running.leave() }
                let outcome: Outcome
                do {
                    let db = try Database(path: path)
                    outcome = .value(try group.run(on: db, work))
                } catch {
                    outcome = .error
                }
                outcomes.withLock { $0[name] = outcome }
            }
        }

        /// Waits until `count` writers wait for the next round.
        func waitForQueue(_ count: Int) {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                group.condition.lock()
                let queued = group.waiting.count
                group.condition.unlock()
                if queued >= count { return }
                Thread.sleep(forTimeInterval: 0.005)
            }
            Issue.record("\(count) writers never queued")
        }

        func finished(_ name: String) -> Bool { outcomes.withLock { $0[name] != nil } }

        func waitForAll() -> Bool { running.wait(timeout: .now() + 60) == .success }
    }

    /// A round whose commit fails (a foreign key checked only at COMMIT) must give every writer
    /// of the round the error, never its result, even when the writers are woken while the round
    /// is still running, as a spurious wake-up may do.
    @Test func aFailedCommitGivesEveryWriterOfTheRoundTheError() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("group.sqlite")
        let setup = try Database(path: path)
        try setup.executeScript(
            """
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (id INTEGER PRIMARY KEY,
                parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
            """
        )
        let writers = Writers(path: path)
        let firstRoundRuns = DispatchSemaphore(value: 0)
        let firstRoundMayEnd = DispatchSemaphore(value: 0)

        // Round 1: one writer, held until the next round has queued up behind it.
        writers.start("a") { db in
            firstRoundRuns.signal()
            firstRoundMayEnd.wait()
            try db.execute("INSERT INTO parent (id) VALUES (1)")
            return 1
        }
        firstRoundRuns.wait()
        // Round 2: two good writes, then one that dooms the commit and wakes every waiting writer.
        writers.start("b") { db in
            try db.execute("INSERT INTO parent (id) VALUES (2)")
            return 2
        }
        writers.waitForQueue(1)
        writers.start("c") { db in
            try db.execute("INSERT INTO parent (id) VALUES (3)")
            return 3
        }
        writers.waitForQueue(2)
        writers.start("x") { [writers] db in
            try db.execute("INSERT INTO child (id, parent_id) VALUES (1, 999)")
            writers.group.condition.lock()
            writers.group.condition.broadcast()
            writers.group.condition.unlock()
            // Give a woken writer time to return, as it would if it found a result already.
            let deadline = Date().addingTimeInterval(1)
            while Date() < deadline, !writers.finished("b"), !writers.finished("c") {
                Thread.sleep(forTimeInterval: 0.01)
            }
            return 0
        }
        writers.waitForQueue(3)
        firstRoundMayEnd.signal()

        #expect(writers.waitForAll())
        let outcomes = writers.outcomes.withLock { $0 }
        #expect(outcomes == ["a": .value(1), "b": .error, "c": .error, "x": .error])
        #expect(try setup.rows("SELECT id FROM parent ORDER BY id").map { try $0.int("id") } == [1])
    }

    /// Writers that arrive while a round runs all share the next round, each with its own result.
    @Test func writersQueuedDuringARoundShareTheNextOne() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("group.sqlite")
        let setup = try Database(path: path)
        try setup.executeScript("CREATE TABLE t (id INTEGER PRIMARY KEY, round INTEGER NOT NULL);")
        let writers = Writers(path: path)
        let firstRoundRuns = DispatchSemaphore(value: 0)
        let firstRoundMayEnd = DispatchSemaphore(value: 0)
        writers.start("first") { db in
            firstRoundRuns.signal()
            firstRoundMayEnd.wait()
            try db.execute("INSERT INTO t (id, round) VALUES (0, 1)")
            return 0
        }
        firstRoundRuns.wait()
        for number in 1...5 {
            writers.start("w\(number)") { db in
                // Every write of the round sees the same transaction's earlier rows.
                try db.execute("INSERT INTO t (id, round) VALUES (?, 2)", [number])
                return Int(try db.integer("SELECT count(*) FROM t WHERE round = 2"))
            }
        }
        writers.waitForQueue(5)
        firstRoundMayEnd.signal()
        #expect(writers.waitForAll())
        let counts = writers.outcomes.withLock { $0 }.filter { $0.key != "first" }.values
        #expect(Set(counts) == Set((1...5).map(Outcome.value)))
        #expect(try setup.integer("SELECT count(*) FROM t") == 6)
    }
}
