import class Foundation.NSCondition

/// Group commit for the writes of many threads: the first writer to arrive runs every write
/// waiting at that moment in one transaction, each in a savepoint of its own, so one disk sync
/// serves them all; writers that arrive meanwhile wait for the next round. Each writer gets its
/// own result or error, and only after the commit has returned (an API request answers 201 only
/// for a letter already on disk; when the commit fails, every writer of the round gets its error).
///
/// `@unchecked Sendable`: every mutable field, a job's result included, is read and written only
/// with `condition` locked. The leader keeps the results of its round to itself until the commit
/// has returned, then publishes them under the lock and wakes the writers; a writer woken early
/// (condition variables allow spurious wake-ups) finds no result and waits again.
final class GroupCommit: @unchecked Sendable {
    /// Guards `waiting`, `leaderRunning` and every job's `result`. Internal so that tests can wake
    /// the writers at any moment, as a spurious wake-up would.
    let condition = NSCondition()
    /// Jobs not yet taken by a leader, in the order they arrived.
    private(set) var waiting: [Job] = []
    private var leaderRunning = false

    final class Job {
        let work: (Database) throws -> Any
        /// Set by the leader, under the lock, once the round's commit has returned.
        var result: Result<Any, any Error>?

        init(_ work: @escaping (Database) throws -> Any) {
            self.work = work
        }
    }

    /// Runs `work` in the next group transaction, on whichever connection leads it.
    func run<T>(on database: Database, _ work: @escaping (Database) throws -> T) throws -> T {
        let job = Job { try work($0) }
        condition.lock()
        waiting.append(job)
        while job.result == nil {
            if leaderRunning {
                condition.wait()
                continue
            }
            leaderRunning = true
            let batch = waiting
            waiting = []
            condition.unlock()
            let results = Self.execute(batch, on: database)
            condition.lock()
            for (job, result) in zip(batch, results) { job.result = result }
            leaderRunning = false
            condition.broadcast()
        }
        let result = job.result!
        condition.unlock()
        // The job's closure returns a T, so the cast cannot fail.
        return try result.get() as! T
    }

    /// Runs `batch` in one transaction and returns each job's result, in order, once the commit
    /// has returned: when the commit fails, every result is its error.
    private static func execute(_ batch: [Job], on database: Database) -> [Result<Any, any Error>] {
        do {
            return try database.write { db in
                try batch.map { job -> Result<Any, any Error> in
                    try db.execute("SAVEPOINT grouped")
                    do {
                        let value = try job.work(db)
                        try db.execute("RELEASE grouped")
                        return .success(value)
                    } catch {
                        try db.execute("ROLLBACK TO grouped")
                        db.forgetRemembered()
                        try db.execute("RELEASE grouped")
                        return .failure(error)
                    }
                }
            }
        } catch {
            // The commit itself failed: nothing of the batch is stored.
            return batch.map { _ in .failure(error) }
        }
    }
}
