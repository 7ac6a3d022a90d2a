import Foundation
import Logging
import MailCore
import Secrets
import Storage

/// A pass of the queue: what cron runs every minute (`mailrobot-send run`), for every profile
/// with work, and the pass of one profile (`run --profile`, which a wake-up starts). Each
/// profile is worked by a `ProfilePass` under its lock. The transport is injected.
public struct QueueRun {
    let setup: SenderSetup

    public init(_ setup: SenderSetup) {
        self.setup = setup
    }

    private var db: Database { setup.database }

    /// Runs the pass of every profile with due letters or expired claims. With `dryRun`
    /// nothing is claimed, sent or changed: the report says what would go and why the rest
    /// waits.
    public func run(dryRun: Bool = false) throws -> RunReport {
        var report = RunReport()
        let outbox = OutboxStore(db)
        let now = setup.clock.now()
        // The one question of an idle run; nothing else is read or started before it says yes.
        guard try outbox.hasWork(now: now) else { return report }
        let pass = try profilePass()
        // The reserves of profiles that cannot send carry their letters: they run too. A profile
        // whose login was refused during this run has its reserve run in a second round.
        var done: Set<Int64> = []
        for _ in 0..<2 {
            let passes = ReserveRoute.passes(
                for: try outbox.profilesWithWork(now: setup.clock.now()),
                links: try ProfileStore(db).reserveLinks(),
                now: setup.clock.now()
            )
            for profileID in passes where done.insert(profileID).inserted {
                work(profileID, lock: nil, with: pass, dryRun: dryRun, report: &report)
            }
        }
        if !dryRun { db.checkpoint() }
        return report
    }

    /// Runs the pass of one profile. `lockDescriptor` is the profile's lock, inherited from the
    /// waker that started this process (`PassSpawner`); when it does not hold the lock (another
    /// pass has it), the run leaves at once, as it does when it finds the lock taken.
    public func run(profileID: Int64, lockDescriptor: Int32? = nil, dryRun: Bool = false) throws -> RunReport {
        var report = RunReport()
        var lock: ProfileLock?
        if let lockDescriptor {
            lock = ProfileLock.adopt(descriptor: lockDescriptor, profileID: profileID, in: setup.locksFolder)
            guard lock != nil else {
                report.busy.append(profileID)
                return report
            }
        }
        work(profileID, lock: lock, with: try profilePass(), dryRun: dryRun, report: &report)
        if report.tried > 0 { db.checkpoint() }
        return report
    }

    private func profilePass() throws -> ProfilePass {
        try db.tuneForBatches()
        return ProfilePass(setup: setup, owner: Self.newOwner(), timeZone: try SettingsStore(db).timeZone())
    }

    private func work(
        _ profileID: Int64,
        lock: ProfileLock?,
        with pass: ProfilePass,
        dryRun: Bool,
        report: inout RunReport
    ) {
        do {
            try pass.run(profileID: profileID, lock: lock, dryRun: dryRun, report: &report)
        } catch {
            // One profile's trouble (a busy database, a full disk) must not hold up the others.
            setup.logger.error("profile run failed", metadata: ["profile.id": "\(profileID)", "error": "\(error)"])
            report.problems.append("profile #\(profileID): \(error)")
        }
    }

    /// A name for this run's claims: host, process and a random part.
    private static func newOwner() -> String {
        var name = [CChar](repeating: 0, count: 256)
        let host =
            gethostname(&name, name.count - 1) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "host"
        return "\(host):\(getpid()):\(RandomBytes.token(byteCount: 6))"
    }
}
