import class Foundation.NSCondition

/// Group commit for the writes of many threads: the first writer to arrive runs every write
/// waiting at that moment in one transaction, each in a savepoint of its own, so one disk sync
/// serves them all; writers that arrive meanwhile wait for the next round. Each writer gets its
/// own result or error, and only after the commit (an API request answers 201 only for a letter
/// already on disk).
///
/// `@unchecked Sendable`: every field is guarded by `condition`; a job's result is written by
/// the leader before it takes the lock again and read by its writer after that lock.
final class GroupCommit: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [Job] = []
    private var leaderRunning = false

    private final class Job {
        let work: (Database) throws -> Any
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
            Self.execute(batch, on: database)
            condition.lock()
            leaderRunning = false
            condition.broadcast()
        }
        condition.unlock()
        // The job's closure returns a T, so the cast cannot fail.
        return try job.result!.get() as! T
    }

    private static func execute(_ batch: [Job], on database: Database) {
        do {
            try database.write { db in
                for job in batch {
                    try db.execute("SAVEPOINT grouped")
                    do {
                        job.result = .success(try job.work(db))
                        try db.execute("RELEASE grouped")
                    } catch {
                        try db.execute("ROLLBACK TO grouped")
                        try db.execute("RELEASE grouped")
                        job.result = .failure(error)
                    }
                }
            }
        } catch {
            // The commit itself failed: nothing of the batch is stored.
            for job in batch { job.result = .failure(error) }
        }
    }
}
