public import Foundation
public import MailCore
public import Storage

/// Whether a profile's state and limits let a letter go now: the panel offers «Отправить сейчас»
/// only when they do, and otherwise says why the letter waits.
public struct SendAllowance {
    private let planning: ProfilePlanning

    public init(_ db: Database) {
        planning = ProfilePlanning(db: db)
    }

    /// Nil when a letter of this class could go at `now`; else why it would wait.
    public func wait(for profile: Profile, isPriority: Bool, now: Date) throws -> WaitReason? {
        try planning.wait(for: profile, isPriority: isPriority, now: now)
    }
}
