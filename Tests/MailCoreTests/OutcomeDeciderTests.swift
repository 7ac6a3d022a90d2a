import Foundation
import MailCore
import MailTestSupport
import Testing

@Suite struct OutcomeDeciderTests {
    private let now = Fixtures.now
    private let minute: TimeInterval = 60
    private let hour: TimeInterval = 3600

    /// Decides with the classifier's answer fixed to `disposition`, checking it is asked about `failure`.
    private func decide(
        _ result: DeliveryResult,
        as disposition: SMTPDisposition = .temporary,
        attempts: Int = 1,
        enqueuedAgo: TimeInterval = 0,
        intervalMinutes: Int = 5,
        jitter: Double = 0.5
    ) -> LetterAction {
        OutcomeDecider.decide(
            result,
            classify: { failure in
                #expect(result == .failed(failure, dataSent: true) || result == .failed(failure, dataSent: false))
                return disposition
            },
            attempts: attempts,
            enqueuedAt: now.addingTimeInterval(-enqueuedAgo),
            now: now,
            intervalMinutes: intervalMinutes,
            jitter: jitter
        )
    }

    @Test func sentIsMarkedSentWithTheReply() {
        let reply = SMTPReply(code: 250, enhancedCode: "2.0.0", text: "Ok: queued as 4F2")
        #expect(decide(.sent(reply: reply), as: .permanent) == .markSent(reply: reply))
    }

    @Test func permanentFailureFailsAtOnce() {
        let failure = SMTPFailure.recipientRefused(reply: SMTPReply(code: 550, enhancedCode: "5.1.1", text: "unknown"))
        #expect(decide(.failed(failure, dataSent: false), as: .permanent) == .fail(failure: failure))
    }

    @Test func refusedLoginBreaksTheProfile() {
        let failure = SMTPFailure.auth(reply: SMTPReply(code: 535, enhancedCode: "5.7.8", text: "bad credentials"))
        let action = decide(.failed(failure, dataSent: false), as: .profileBroken)
        #expect(action == .profileBroken(failure: failure))
        #expect(!action.countsAttempt)
    }

    @Test(arguments: [
        (RateLimit.dailyQuota, 5, 24 * 60), (.antiSpam, 5, 24 * 60), (.throttled, 5, 15), (.throttled, 0, 15),
        (.throttled, 15, 15), (.throttled, 40, 40),
    ])
    func limitReplyPausesTheProfile(limit: RateLimit, intervalMinutes: Int, pauseMinutes: Int) {
        let failure = SMTPFailure.dataRefused(reply: SMTPReply(code: 550, enhancedCode: "5.4.5", text: "limit"))
        let action = decide(.failed(failure, dataSent: true), as: .rateLimited(limit), intervalMinutes: intervalMinutes)
        #expect(action == .pauseProfile(until: now.addingTimeInterval(Double(pauseMinutes) * minute), failure: failure))
        #expect(!action.countsAttempt)
    }

    @Test func temporaryFailureIsRetriedOnThePolicysSchedule() {
        let failure = SMTPFailure.recipientRefused(
            reply: SMTPReply(code: 451, enhancedCode: "4.7.1", text: "greylisted")
        )
        let result = DeliveryResult.failed(failure, dataSent: false)
        #expect(
            decide(result) == .retry(at: now.addingTimeInterval(minute), failure: failure, possibleDuplicate: false)
        )
        #expect(
            decide(result, attempts: 4, jitter: 0)
                == .retry(at: now.addingTimeInterval(0.9 * hour), failure: failure, possibleDuplicate: false)
        )
    }

    @Test func temporaryFailureFailsWhenTheRetryWouldPassSeventyTwoHours() {
        let failure = SMTPFailure.connect(detail: "connection refused")
        let result = DeliveryResult.failed(failure, dataSent: false)
        let lastChance = 72 * hour - 6 * hour
        #expect(
            decide(result, attempts: 9, enqueuedAgo: lastChance)
                == .retry(at: now.addingTimeInterval(6 * hour), failure: failure, possibleDuplicate: false)
        )
        #expect(decide(result, attempts: 9, enqueuedAgo: lastChance + 1) == .fail(failure: failure))
    }

    /// The whole message went out and then the server fell silent or the connection dropped: the
    /// server may have the letter, so it is retried and flagged «возможен дубль».
    @Test(arguments: [SMTPFailure.timeout(step: .data), .connectionLost(step: .data, reply: nil)])
    func cutOffAfterTheDataIsAPossibleDuplicate(failure: SMTPFailure) {
        #expect(
            decide(.failed(failure, dataSent: true))
                == .retry(at: now.addingTimeInterval(minute), failure: failure, possibleDuplicate: true)
        )
        #expect(
            decide(.failed(failure, dataSent: false))
                == .retry(at: now.addingTimeInterval(minute), failure: failure, possibleDuplicate: false)
        )
    }

    /// A 4xx answer to the final dot is the server's refusal, not an ambiguity.
    @Test func refusalAfterTheDataIsNoDuplicate() {
        let failure = SMTPFailure.dataRefused(reply: SMTPReply(code: 451, enhancedCode: "4.3.0", text: "try later"))
        #expect(
            decide(.failed(failure, dataSent: true))
                == .retry(at: now.addingTimeInterval(minute), failure: failure, possibleDuplicate: false)
        )
    }

    /// A limit reply that closed the connection after the data still pauses the profile.
    @Test func limitReplyOnALostConnectionPausesTheProfile() {
        let failure = SMTPFailure.connectionLost(
            step: .data,
            reply: SMTPReply(code: 421, enhancedCode: "4.7.0", text: "Too many messages")
        )
        #expect(
            decide(.failed(failure, dataSent: true), as: .rateLimited(.throttled))
                == .pauseProfile(until: now.addingTimeInterval(15 * minute), failure: failure)
        )
    }
}
