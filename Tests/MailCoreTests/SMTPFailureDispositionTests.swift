import MailCore
import Testing

/// A failure as a test argument: what happened, which rule must decide it, and the outcome.
struct DispositionCase: CustomTestStringConvertible, Sendable {
    let failure: SMTPFailure
    let rule: SMTPDispositionRule
    let disposition: SMTPDisposition

    init(_ failure: SMTPFailure, _ rule: SMTPDispositionRule, _ disposition: SMTPDisposition) {
        self.failure = failure
        self.rule = rule
        self.disposition = disposition
    }

    var testDescription: String { "\(failure.step): \(failure.reply?.description ?? "\(failure)")" }
}

@Suite struct SMTPFailureDispositionTests {
    static let cases: [DispositionCase] = DispositionCase.refusals + DispositionCase.limits + DispositionCase.others

    @Test(arguments: cases)
    func realRepliesMeetTheirRule(example: DispositionCase) {
        #expect(example.failure.dispositionRule == example.rule)
        #expect(example.failure.disposition == example.disposition)
    }

    @Test func everyRuleIsExercised() {
        let exercised = Set(Self.cases.map(\.rule))
        #expect(exercised == Set(SMTPDispositionRule.allCases))
        for rule in SMTPDispositionRule.allCases {
            #expect(Self.cases.filter { $0.rule == rule }.count >= 2, "\(rule) needs at least two examples")
        }
    }

    @Test func aLimitWinsOverTheStepsOwnRule() {
        // A 5xx to MAIL FROM is normally a profile setting, but a quota is a pause, not a break.
        #expect(
            SMTPFailure.senderRefused(reply: reply(550, "5.4.5", "Daily user sending limit exceeded")).disposition
                == .rateLimited(.dailyQuota)
        )
        #expect(SMTPFailure.senderRefused(reply: reply(550, "5.1.0", "Sender rejected")).disposition == .profileBroken)
    }

    @Test func recipientQuotaIsNotASenderLimitButOursIs() {
        let recipientFull = SMTPFailure.recipientRefused(reply: reply(452, "4.2.2", "Quota exceeded"))
        let ourQuota = SMTPFailure.recipientRefused(reply: reply(452, "4.5.3", "Quota exceeded"))
        #expect(recipientFull.disposition == .temporary)
        #expect(ourQuota.disposition == .rateLimited(.throttled))
    }

    @Test func wordsAreMatchedAsWordsNotInsideOthers() {
        // "separate", "accurate", "generate" hold "rate" but say nothing about a rate.
        let failure = SMTPFailure.dataRefused(
            reply: reply(550, "5.6.0", "Could not generate an accurate, separate header")
        )
        #expect(failure.disposition == .permanent)
    }
}
