import Foundation
import MailCore
import MailTestSupport
import Storage
import Testing

@testable import Web

/// «Отправить сейчас» is offered only when the letter would go at once; otherwise the words say
/// what the button does.
@Suite struct LetterRetryTests {
    let now = Date(timeIntervalSince1970: 1_796_000_000)
    let profile = Fixtures.profile()

    private func offer(
        _ status: LetterStatus,
        nextAttemptAt: Date? = nil,
        profile: Profile?,
        wait: WaitReason?
    ) -> LetterRetry? {
        LetterRetry.offer(
            status: status,
            nextAttemptAt: nextAttemptAt ?? now,
            isPriority: false,
            profile: profile,
            now: now
        ) { _, _ in wait }
    }

    @Test func failedLetters() {
        #expect(offer(.failed, profile: profile, wait: nil) == .sendNow)
        #expect(
            offer(.failed, profile: profile, wait: .interval(until: now)) == .requeue(reason: .interval(until: now))
        )
        #expect(offer(.failed, profile: nil, wait: nil) == .requeue(reason: nil), "the default profile takes it")
        #expect(LetterRetry.sendNow.button == .journalActionSendNow)
        #expect(LetterRetry.requeue(reason: .broken).button == .journalActionRequeue)
        #expect(LetterRetry.requeue(reason: .dailyLimit(until: nil)).reason == .journalWaitDailyLimit)
        #expect(LetterRetry.sendNow.reason == nil)
    }

    @Test func queuedLetters() {
        let later = now.addingTimeInterval(600)
        #expect(offer(.queued, nextAttemptAt: later, profile: profile, wait: nil) == .sendNow)
        #expect(offer(.queued, nextAttemptAt: later, profile: profile, wait: .paused(until: later)) == nil)
        #expect(offer(.queued, profile: profile, wait: nil) == nil, "due already")
    }

    @Test(arguments: [LetterStatus.sending, .sent, .cancelled])
    func othersOfferNothing(status: LetterStatus) {
        #expect(offer(status, profile: profile, wait: nil) == nil)
    }
}
