import Foundation
import Logging
import MailCore
import Storage

/// One profile's turn in a run (DESIGN.md §3, §6; docs/delivery.md).
///
/// Under the profile's lock it takes back dead runs' claims, then sends what `SendPlanner`
/// allows, batch after batch over one connection, until nothing more may go now or the run's
/// batch size is spent: a priority letter committed while it works is picked up before it ends.
/// A waker that found the lock taken counts on exactly that, so after letting the lock go the
/// pass looks once more for priority letters committed since its last plan, and takes the lock
/// again for them (or leaves them to whichever pass took it meanwhile).
struct ProfilePass {
    let setup: SenderSetup
    /// Names this run's claims; the pass adds the profile, so each profile's claims have an
    /// order of their own.
    let owner: String
    let timeZone: TimeZone

    private var db: Database { setup.database }
    private var clock: any WallClock { setup.clock }

    /// How a turn under the lock ended.
    private struct Turn {
        /// Letters the run may still try: its batch size, less what it tried.
        var room: Int
        /// The due priority letters the last plan left waiting (the limits hold them).
        var waiting: Set<Int64>
        /// Nothing more goes through the profile in this run: it was deleted, its login was
        /// refused, it was paused, its password is missing or does not open, or a failure ended
        /// the batch.
        var stopped: Bool
    }

    /// Works the profile, starting with `lock` when it is already held (a woken pass).
    func run(profileID: Int64, lock: ProfileLock?, dryRun: Bool, report: inout RunReport) throws {
        let claimant = Claimant(owner: "\(owner):p\(profileID)", boot: setup.boot)
        var held = lock
        var room: Int?
        while true {
            guard let current = try held ?? ProfileLock.acquire(profileID: profileID, in: setup.locksFolder) else {
                if room == nil { report.busy.append(profileID) }
                return
            }
            let turn: Turn?
            do {
                turn = try work(profileID, claimant: claimant, room: room, dryRun: dryRun, report: &report)
            } catch {
                current.release()
                throw error
            }
            current.release()
            held = nil
            guard let turn, !turn.stopped, turn.room > 0 else { return }
            room = turn.room
            let due = try ProfilePlanning(db: db).duePriority(
                profileID: profileID,
                now: clock.now(),
                limit: turn.room + 1
            )
            guard due.contains(where: { !turn.waiting.contains($0) }) else { return }
            setup.logger.debug(
                "priority letter committed at the end of a turn",
                metadata: ["profile.id": "\(profileID)"]
            )
        }
    }

    /// One turn under the lock. Nil when there is nothing to come back for (a dry run, a
    /// profile that is gone).
    private func work(
        _ profileID: Int64,
        claimant: Claimant,
        room known: Int?,
        dryRun: Bool,
        report: inout RunReport
    ) throws -> Turn? {
        let profiles = ProfileStore(db)
        if !dryRun {
            try OutboxStore(db).recoverExpiredClaims(profileID: profileID, now: clock.now(), boot: setup.boot)
        }
        guard var profile = try profiles.find(id: profileID) else { return nil }
        var room = known ?? profile.limits.batchSize
        if dryRun {
            let plan = try ProfilePlanning(db: db).plan(for: profile, now: clock.now(), room: room).plan
            report.plans.append(PlanDescription(profile: profile, plan: plan.own, timeZone: timeZone).text)
            if !plan.borrowed.isEmpty {
                report.plans.append(
                    "  as a reserve, would send \(plan.borrowed.count) of other profiles: "
                        + plan.borrowed.map { "#\($0.id)" }.joined(separator: ", ")
                )
            }
            return nil
        }
        var session: (any MailSession)?
        defer { session?.close() }
        while room > 0 {
            let now = clock.now()
            let planning = try ProfilePlanning(db: db).plan(for: profile, now: now, room: room)
            guard !planning.plan.letters.isEmpty else {
                return Turn(room: room, waiting: Set(planning.duePriority), stopped: false)
            }
            let open: any MailSession
            if let session {
                open = session
            } else {
                switch try setup.session(for: profile) {
                case .success(let opened):
                    open = opened
                case .failure(let problem):
                    report.problems.append(problem.description)
                    return Turn(room: room, waiting: [], stopped: true)
                }
            }
            session = open
            let batch = try claim(planning.plan, of: profile, by: claimant, now: now)
            let (tried, ended) = try send(batch, of: profile, by: claimant, over: open, report: &report)
            room -= tried
            guard !ended, let fresh = try profiles.find(id: profileID) else {
                return Turn(room: room, waiting: [], stopped: true)
            }
            profile = fresh
        }
        return Turn(room: 0, waiting: [], stopped: false)
    }

    /// Claims the planned letters, own and borrowed, in their order, and starts the interval when
    /// regular letters go: one synced transaction, the only disk sync of the batch.
    private func claim(
        _ plan: ReservePlan,
        of profile: Profile,
        by claimant: Claimant,
        now: Date
    ) throws
        -> [StoredLetter]
    {
        try db.write { db in
            if plan.startsRegularBatch { try ProfileStore(db).recordRegularBatch(id: profile.id, at: now) }
            return try OutboxStore(db).claim(
                ids: plan.letters.map(\.id),
                borrowed: Set(plan.borrowed.map(\.id)),
                profileID: profile.id,
                by: claimant,
                leaseUntil: now.addingTimeInterval(LetterDelivery.lease),
                now: now
            )
        }
    }

    /// Sends a claimed batch in order, each outcome committed before the next letter goes, then
    /// records what the batch showed about the profile (`BatchHealth`). Returns how many letters
    /// were tried and whether an outcome ended the batch early; the letters after it are given
    /// back.
    private func send(
        _ batch: [StoredLetter],
        of profile: Profile,
        by claimant: Claimant,
        over session: any MailSession,
        report: inout RunReport
    ) throws -> (tried: Int, ended: Bool) {
        let outbox = OutboxStore(db)
        let delivery = LetterDelivery(
            outbox: outbox,
            profiles: ProfileStore(db),
            owner: claimant.owner,
            clock: clock,
            timeZone: timeZone,
            logger: setup.logger
        )
        var leaseUntil = clock.now().addingTimeInterval(LetterDelivery.lease)
        var untried = batch[...]
        var ended = false
        var health = BatchHealth()
        do {
            while let letter = untried.popFirst() {
                // Out of `untried` before it goes: if its outcome cannot be recorded, it stays
                // claimed, and recovery reads it as the letter in flight.
                let action = try delivery.deliver(letter, of: profile, over: session).action
                report.note(action, letter: letter, profile: profile)
                health.note(action, at: clock.now())
                if action.endsTheBatch {
                    ended = true
                    break
                }
                let now = clock.now()
                if leaseUntil.timeIntervalSince(now) < LetterDelivery.lease / 2 {
                    leaseUntil = now.addingTimeInterval(LetterDelivery.lease)
                    try outbox.renewClaims(owner: claimant.owner, leaseUntil: leaseUntil)
                }
            }
        } catch {
            // Give back what was never tried.
            try? outbox.release(ids: untried.map(\.id), owner: claimant.owner, now: clock.now())
            throw error
        }
        try outbox.release(ids: untried.map(\.id), owner: claimant.owner, now: clock.now())
        try health.record(profileID: profile.id, in: db)
        return (batch.count - untried.count, ended)
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
