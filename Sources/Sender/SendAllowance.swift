public import Foundation
public import MailCore
public import Storage

/// Whether a profile's state and limits let a letter go now: the panel offers «Отправить сейчас»
/// only when they do, and otherwise says why the letter waits.
public struct SendAllowance {
    private let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// Nil when one more letter of the class, were it due, could go through `profile` at `now`;
    /// else why it would wait (`SendPlanner`'s reason for a run with room for one letter).
    public func wait(for profile: Profile, isPriority: Bool, now: Date) throws -> WaitReason? {
        let history = try OutboxStore(db).sendHistory(profileID: profile.id, now: now)
        var limits = profile.limits
        limits.batchSize = 1
        let plan = SendPlanner.plan(
            limits: limits,
            state: profile.state,
            history: history,
            lastRegularBatchAt: try ProfileStore(db).lastRegularBatch(id: profile.id),
            due: [DueLetter(id: 0, isPriority: isPriority)],
            now: now
        )
        guard plan.letters.isEmpty else { return nil }
        return (isPriority ? plan.priorityWait : plan.regularWait) ?? .batchFull
    }
}
