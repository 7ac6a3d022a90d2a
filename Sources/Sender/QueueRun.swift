import Foundation
import Logging
import MailCore
import Secrets
import Storage

/// One pass of the queue, what cron runs every minute (`mailrobot-send run`): for each profile
/// with work, under that profile's lock, take back dead runs' claims, plan with `SendPlanner`
/// and send the planned letters over one session. The transport is injected.
public struct QueueRun {
    let setup: SenderSetup
    /// Identifies this run's claims: host, process and a random part.
    let owner: String

    public init(_ setup: SenderSetup) {
        self.setup = setup
        owner = "\(ProcessInfo.processInfo.hostName):\(getpid()):\(RandomBytes.token(byteCount: 6))"
    }

    private var db: Database { setup.database }
    private var clock: any WallClock { setup.clock }
    private var logger: Logger { setup.logger }

    /// Runs the pass. With `dryRun` nothing is claimed, sent or changed: the report says what
    /// would go and why the rest waits.
    public func run(dryRun: Bool = false) throws -> RunReport {
        var report = RunReport()
        let now = clock.now()
        guard try OutboxStore(db).hasWork(now: now) else { return report }
        let timeZone = try SettingsStore(db).timeZone()
        for profileID in try OutboxStore(db).profilesWithWork(now: now) {
            guard let lock = try ProfileLock.acquire(profileID: profileID, in: setup.locksFolder) else {
                report.busy.append(profileID)
                continue
            }
            do {
                try withExtendedLifetime(lock) {
                    try work(profileID: profileID, dryRun: dryRun, timeZone: timeZone, report: &report)
                }
            } catch {
                // One profile's trouble (a busy database, a full disk) must not hold up the others.
                logger.error("profile run failed", metadata: ["profile.id": "\(profileID)", "error": "\(error)"])
                report.problems.append("profile #\(profileID): \(error)")
            }
        }
        if !dryRun { db.checkpoint() }
        return report
    }

    private func work(profileID: Int64, dryRun: Bool, timeZone: TimeZone, report: inout RunReport) throws {
        let profiles = ProfileStore(db)
        let outbox = OutboxStore(db)
        let now = clock.now()
        if !dryRun { try outbox.recoverExpiredClaims(profileID: profileID, now: now) }
        guard let profile = try profiles.find(id: profileID) else { return }
        let plan = try ProfilePlanning(db: db).plan(for: profile, now: now)
        if dryRun {
            report.plans.append(PlanDescription(profile: profile, plan: plan, timeZone: timeZone).text)
            return
        }
        guard !plan.letters.isEmpty else { return }
        guard let session = try setup.session(for: profile) else {
            report.problems.append(SenderError.passwordUnreadable(profile: profile.name).description)
            return
        }
        defer { session.close() }
        // The batch and the start of the interval, in one transaction.
        let batch = try db.write { _ in
            if plan.startsRegularBatch { try profiles.recordRegularBatch(id: profile.id, at: now) }
            return try outbox.claim(
                ids: plan.letters.map(\.id),
                profileID: profile.id,
                owner: owner,
                leaseUntil: now.addingTimeInterval(LetterDelivery.lease),
                now: now
            )
        }
        let delivery = LetterDelivery(
            outbox: outbox,
            profiles: profiles,
            owner: owner,
            clock: clock,
            timeZone: timeZone,
            logger: logger
        )
        var untried = batch[...]
        var health = BatchHealth()
        do {
            while let letter = untried.first {
                let action = try delivery.deliver(letter, of: profile, over: session).action
                untried.removeFirst()
                report.note(action, letter: letter, profile: profile)
                health.note(action, at: clock.now())
                if action.endsTheBatch { break }
            }
        } catch {
            // Give back what was never tried (a letter whose data went stays for recovery).
            try? outbox.release(ids: untried.map(\.id), owner: owner, now: clock.now())
            throw error
        }
        try outbox.release(ids: untried.map(\.id), owner: owner, now: clock.now())
        try health.record(profileID: profile.id, in: profiles)
    }
}

/// What one batch showed about its profile, recorded once at its end: when a letter last went,
/// and the failure that ended the batch, if it was the profile's (not a pause or a refused
/// login, which are states of their own).
private struct BatchHealth {
    var lastSentAt: Date?
    var failure: (text: String, at: Date)?

    mutating func note(_ action: LetterAction, at now: Date) {
        switch action {
        case .markSent:
            lastSentAt = now
        case .retry(_, let failure, _), .fail(let failure):
            if failure.endsTheBatch { self.failure = (failure.description, now) }
        case .profileBroken, .pauseProfile:
            break
        }
    }

    func record(profileID: Int64, in profiles: ProfileStore) throws {
        if let lastSentAt { try profiles.recordSuccess(id: profileID, at: lastSentAt) }
        if let failure { try profiles.recordFailure(id: profileID, failure: failure.text, at: failure.at) }
    }
}

extension LetterAction {
    /// True when the letters after this one should wait for a later run.
    var endsTheBatch: Bool {
        switch self {
        case .markSent: false
        case .profileBroken, .pauseProfile: true
        case .retry(_, let failure, _), .fail(let failure): failure.endsTheBatch
        }
    }
}
