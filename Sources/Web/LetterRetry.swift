import Foundation
import MailCore
import Sender
import Storage

/// What the letter page offers to send a letter again, worded as what it does: «Отправить
/// сейчас» only when the profile's state and limits let a letter of its class go at once;
/// «Вернуть в очередь» for a failed letter that would wait, with the reason; nothing for a queued
/// letter that is due already or would wait anyway.
enum LetterRetry: Equatable {
    /// The letter goes at once: the button wakes the robot.
    case sendNow
    /// A failed letter goes back to the queue and waits for `reason` (nil: its profile is gone,
    /// the default profile takes it).
    case requeue(reason: WaitReason?)

    /// The offer for a letter in `status`; `wait` tells why a letter of a class would wait on
    /// the profile at `now` (nil: it would go).
    static func offer(
        status: LetterStatus,
        nextAttemptAt: Date,
        isPriority: Bool,
        profile: Profile?,
        now: Date,
        wait: (Profile, Bool) throws -> WaitReason?
    ) rethrows -> LetterRetry? {
        switch status {
        case .failed:
            guard let profile else { return .requeue(reason: nil) }
            let reason = try wait(profile, isPriority)
            return reason == nil ? .sendNow : .requeue(reason: reason)
        case .queued:
            guard nextAttemptAt > now, let profile, try wait(profile, isPriority) == nil else { return nil }
            return .sendNow
        case .sending, .sent, .cancelled:
            return nil
        }
    }

    /// The offer for a stored letter, its profile's limits read from `db`.
    static func offer(_ letter: StoredLetter, profile: Profile?, db: Database, now: Date) throws -> LetterRetry? {
        let allowance = SendAllowance(db)
        return try offer(
            status: letter.status,
            nextAttemptAt: letter.nextAttemptAt,
            isPriority: letter.priority,
            profile: profile,
            now: now
        ) { try allowance.wait(for: $0, isPriority: $1, now: now) }
    }

    /// The button's words.
    var button: TextKey { self == .sendNow ? .journalActionSendNow : .journalActionRequeue }

    /// The confirmation's question.
    var question: TextKey { self == .sendNow ? .journalConfirmSendNowQuestion : .journalConfirmRetryQuestion }

    /// Why the letter would wait, in words; nil when it goes at once or no reason is known.
    var reason: TextKey? {
        guard case .requeue(let reason?) = self else { return nil }
        return switch reason {
        case .broken: .journalWaitBroken
        case .paused: .journalWaitPaused
        case .interval: .journalWaitInterval
        case .dailyLimit: .journalWaitDailyLimit
        case .priorityShareUsed: .journalWaitPriorityShare
        case .regularShareUsed: .journalWaitRegularShare
        case .batchFull: .journalWaitBatchFull
        }
    }
}
