import Foundation
import MailCore
import Storage

/// Loads what `SendPlanner` needs for one profile and asks it.
struct ProfilePlanning {
    let db: Database

    /// What may go now, and the due priority letters the planner saw (those it leaves waiting
    /// are what a run does not need to come back for).
    struct Result {
        let plan: SendPlan
        let duePriority: [Int64]
    }

    /// Plans for `profile` at `now`, with at most `room` letters (the run's batch size, less
    /// what the run already tried).
    func plan(for profile: Profile, now: Date, room: Int) throws -> Result {
        let outbox = OutboxStore(db)
        let history = try outbox.sendHistory(profileID: profile.id, now: now).map {
            SendRecord(at: $0.at, isPriority: $0.priority)
        }
        var limits = profile.limits
        limits.batchSize = room
        // The first room + 1 of each class: enough to choose and to know whether some wait.
        let limit = room + 1
        let priority = try outbox.dueIDs(profileID: profile.id, priority: true, now: now, limit: limit)
        let regular = try outbox.dueIDs(profileID: profile.id, priority: false, now: now, limit: limit)
        let plan = SendPlanner.plan(
            limits: limits,
            state: profile.state,
            history: history,
            lastRegularBatchAt: try ProfileStore(db).lastRegularBatch(id: profile.id),
            due: priority.map { DueLetter(id: $0, isPriority: true) }
                + regular.map { DueLetter(id: $0, isPriority: false) },
            now: now
        )
        return Result(plan: plan, duePriority: priority)
    }
}
