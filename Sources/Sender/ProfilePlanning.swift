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
        // The first room + 1 of each class: enough to choose and to know whether some wait.
        let limit = room + 1
        let priority = try outbox.dueIDs(profileID: profile.id, priority: true, now: now, limit: limit)
        let regular = try outbox.dueIDs(profileID: profile.id, priority: false, now: now, limit: limit)
        let plan = try plan(
            profile,
            room: room,
            due: priority.map { DueLetter(id: $0, isPriority: true) }
                + regular.map { DueLetter(id: $0, isPriority: false) },
            now: now
        )
        return Result(plan: plan, duePriority: priority)
    }

    /// The planner's answer for `due` with the profile's history, its last batch and `room`.
    private func plan(_ profile: Profile, room: Int, due: [DueLetter], now: Date) throws -> SendPlan {
        let history = try OutboxStore(db).sendHistory(profileID: profile.id, now: now).map {
            SendRecord(at: $0.at, isPriority: $0.priority)
        }
        var limits = profile.limits
        limits.batchSize = room
        return SendPlanner.plan(
            limits: limits,
            state: profile.state,
            history: history,
            lastRegularBatchAt: try ProfileStore(db).lastRegularBatch(id: profile.id),
            due: due,
            now: now
        )
    }

    /// Why one more letter of the class would wait at `now` if it were due; nil when the
    /// profile's state and limits let it go at once (what «Отправить сейчас» needs).
    func wait(for profile: Profile, isPriority: Bool, now: Date) throws -> WaitReason? {
        let plan = try plan(profile, room: 1, due: [DueLetter(id: 0, isPriority: isPriority)], now: now)
        guard plan.letters.isEmpty else { return nil }
        return (isPriority ? plan.priorityWait : plan.regularWait) ?? .batchFull
    }
}
