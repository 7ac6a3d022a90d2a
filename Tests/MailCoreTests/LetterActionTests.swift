import Foundation
import MailCore
import MailTestSupport
import Testing

@Suite struct LetterActionTests {
    private static let failure = SMTPFailure.timeout(step: .data)

    /// Only the outcomes that keep the letter queued for the profile's sake leave its attempts alone.
    @Test(arguments: [
        (LetterAction.markSent(reply: SMTPReply(code: 250, text: "OK")), true),
        (.retry(at: Fixtures.now, failure: failure, possibleDuplicate: false), true),
        (.fail(failure: failure), true),
        (.profileBroken(failure: failure), false),
        (.pauseProfile(until: Fixtures.now, failure: failure), false),
    ])
    func countsAttempt(action: LetterAction, counts: Bool) {
        #expect(action.countsAttempt == counts)
    }
}
