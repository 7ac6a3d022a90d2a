import Foundation
import Runtime
import Storage

/// Cron's minute with nothing to send, answered before any argument parsing.
///
/// Cron starts `mailrobot-send run` 1,440 times a day, and on most of them nothing is due. In
/// such a run, ArgumentParser's reflection over the command tree was 15.7 of its 24.9 million
/// instructions (callgrind, December 2026): more than opening the database and asking. So for
/// cron's form of the command — `run`, or `run --data DIR` — the one question of an idle run is
/// asked first, with the same key check and the same query as `QueueRun.run`. When something is
/// due, the alerts may have a change to announce (`AlertStore.mayHaveNews`, one more indexed
/// question), the key or the database is not right, or the arguments are anything else, nothing
/// is decided here: the command runs as usual (and says what is wrong, in its one line).
enum IdleRun {
    /// Exits 0 when `arguments` are cron's `run`, nothing is due and no alert may be due, after
    /// recording the pass's heartbeat as `RunCommand` does; returns otherwise.
    static func exitIfNothingDue(_ arguments: [String]) {
        let now = Date()
        guard let directory = cronForm(Array(arguments.dropFirst())),
            (try? directory.loadKey()) != nil,
            let db = try? directory.openDatabase(),
            let hasWork = try? OutboxStore(db).hasWork(now: now),
            !hasWork,
            let alertNews = try? AlertStore(db).mayHaveNews(now: now),
            !alertNews
        else { return }
        // Cron's pass ran, even with nothing to do: `mailrobot-admin doctor` reads this.
        try? HeartbeatStore(db).record(.senderPass, at: now)
        exit(0)
    }

    /// The data folder of `run` or `run --data DIR` (`--data=DIR`); nil for anything else.
    static func cronForm(_ arguments: [String]) -> DataDirectory? {
        switch arguments.count {
        case 1 where arguments[0] == "run":
            return DataDirectory(option: nil)
        case 2 where arguments[0] == "run" && arguments[1].hasPrefix("--data=") && arguments[1].count > 7:
            return DataDirectory(option: String(arguments[1].dropFirst(7)))
        case 3 where arguments[0] == "run" && arguments[1] == "--data" && !arguments[2].isEmpty:
            return DataDirectory(option: arguments[2])
        default:
            return nil
        }
    }
}
