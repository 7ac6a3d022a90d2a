import Foundation
import MailCore
import Storage

/// Loads what `SendPlanner` needs for one profile and asks it.
struct ProfilePlanning {
    let db: Database

    func plan(for profile: Profile, now: Date) throws -> SendPlan {
        let outbox = OutboxStore(db)
        let history = try outbox.sendHistory(profileID: profile.id, now: now).map {
            SendRecord(at: $0.at, isPriority: $0.priority)
        }
        // The first batch_size + 1 of each class: enough to choose and to know whether some wait.
        let limit = profile.limits.batchSize + 1
        let due = try [true, false].flatMap { priority in
            try outbox.dueIDs(profileID: profile.id, priority: priority, now: now, limit: limit).map {
                DueLetter(id: $0, isPriority: priority)
            }
        }
        return SendPlanner.plan(
            limits: profile.limits,
            state: profile.state,
            history: history,
            lastRegularBatchAt: try ProfileStore(db).lastRegularBatch(id: profile.id),
            due: due,
            now: now
        )
    }
}
