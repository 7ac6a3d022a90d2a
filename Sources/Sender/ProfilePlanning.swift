import Foundation
import MailCore
import Storage

/// Loads what `ReservePlanner` needs for one profile and asks it: the profile's own due letters
/// and those it carries as the reserve of profiles that cannot send now (`ReserveRoute`).
struct ProfilePlanning {
    let db: Database

    /// What may go now, and the due priority letters the planner saw, own and borrowed (those
    /// it leaves waiting are what a run does not need to come back for).
    struct Result {
        let plan: ReservePlan
        let duePriority: [Int64]
    }

    /// Plans for `profile` at `now`, with at most `room` letters (the run's batch size, less
    /// what the run already tried).
    func plan(for profile: Profile, now: Date, room: Int) throws -> Result {
        let outbox = OutboxStore(db)
        let history = try outbox.sendHistory(profileID: profile.id, now: now)
        var limits = profile.limits
        limits.batchSize = room
        // The first room + 1 of each class: enough to choose and to know whether some wait.
        let limit = room + 1
        let priority = try outbox.dueIDs(profileID: profile.id, priority: true, now: now, limit: limit)
        let regular = try outbox.dueIDs(profileID: profile.id, priority: false, now: now, limit: limit)
        let borrowed = try Borrowed(db: db, carrierID: profile.id, now: now)
        let borrowedPriority = try borrowed.dueIDs(priority: true, limit: limit)
        let borrowedRegular = try borrowed.dueIDs(priority: false, limit: limit)
        let plan = ReservePlanner.plan(
            limits: limits,
            state: profile.state,
            history: history,
            lastRegularBatchAt: try ProfileStore(db).lastRegularBatch(id: profile.id),
            own: priority.map { DueLetter(id: $0, isPriority: true) }
                + regular.map { DueLetter(id: $0, isPriority: false) },
            borrowed: borrowedPriority.map { DueLetter(id: $0, isPriority: true) }
                + borrowedRegular.map { DueLetter(id: $0, isPriority: false) },
            now: now
        )
        return Result(plan: plan, duePriority: priority + borrowedPriority)
    }

    /// The due priority letters a pass of `profileID` would send, own and borrowed, up to `limit`.
    func duePriority(profileID: Int64, now: Date, limit: Int) throws -> [Int64] {
        try OutboxStore(db).dueIDs(profileID: profileID, priority: true, now: now, limit: limit)
            + Borrowed(db: db, carrierID: profileID, now: now).dueIDs(priority: true, limit: limit)
    }
}

/// The letters a profile may carry for others at one moment: of the profiles it stands in for
/// (`ReserveRoute.borrowers`), and those that may go again only through it.
struct Borrowed {
    let db: Database
    let carrierID: Int64
    let now: Date
    let profileIDs: [Int64]

    init(db: Database, carrierID: Int64, now: Date) throws {
        self.db = db
        self.carrierID = carrierID
        self.now = now
        profileIDs = ReserveRoute.borrowers(of: carrierID, links: try ProfileStore(db).reserveLinks(), now: now)
    }

    func dueIDs(priority: Bool, limit: Int) throws -> [Int64] {
        try OutboxStore(db).borrowableIDs(
            carrierID: carrierID,
            profileIDs: profileIDs,
            priority: priority,
            now: now,
            limit: limit
        )
    }
}
