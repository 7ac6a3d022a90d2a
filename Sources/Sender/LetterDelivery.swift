import Foundation
import Logging
import MailCore
import Storage

/// Sends one claimed letter over a profile's session and records how it went (the outcome
/// commit of the delivery window, docs/delivery.md). Every database change is its own short
/// transaction; none is open while the letter is on the wire.
struct LetterDelivery {
    let outbox: OutboxStore
    let profiles: ProfileStore
    let owner: String
    let clock: any WallClock
    let timeZone: TimeZone
    let logger: Logger

    /// How long a claim lasts: far beyond the transport's whole-letter timeout; a batch renews
    /// its claims while it runs (`ProfilePass`).
    static let lease: TimeInterval = 10 * 60

    /// When false (test letters: the admin is watching), a temporary failure fails the letter
    /// instead of scheduling a retry.
    var retries = true

    /// Sends `letter` (already claimed by `owner`) and returns what was decided and why.
    func deliver(
        _ letter: StoredLetter,
        of profile: Profile,
        over session: any MailSession
    ) throws
        -> (action: LetterAction, result: DeliveryResult)
    {
        let outgoing: OutgoingLetter
        do {
            outgoing = try build(letter, from: profile)
        } catch {
            let reply = ProgramNote.letterUnwritable.recorded("\(error)")
            try outbox.finish(
                id: letter.id,
                owner: owner,
                .failed(reply: reply, step: "", mayHaveLeft: false),
                now: clock.now()
            )
            logger.warning("letter cannot be built", metadata: ["letter.id": "\(letter.id)", "error": "\(error)"])
            let failure = SMTPFailure.dataRefused(reply: SMTPReply(code: 554, text: reply))
            return (.fail(failure: failure), .failed(failure, dataSent: false))
        }
        let result = session.send(outgoing)
        let now = clock.now()
        var action = OutcomeDecider.decide(
            result,
            classify: \.disposition,
            attempts: letter.attempts + 1,
            enqueuedAt: letter.createdAt,
            now: now,
            intervalMinutes: profile.limits.intervalMinutes,
            jitter: Double.random(in: 0..<1)
        )
        if !retries, case .retry(_, let failure, _) = action { action = .fail(failure: failure) }
        try record(action, result: result, letter: letter, profile: profile, from: outgoing.envelopeFrom, now: now)
        return (action, result)
    }

    /// The letter as it goes on the wire. The `Date` is the moment of sending; the Message-ID is
    /// the one given at enqueue, the same on every retry and through a reserve. The From is the
    /// sending profile's, a reserve's when it carries the letter: a mailbox sends only as itself.
    private func build(_ letter: StoredLetter, from profile: Profile) throws -> OutgoingLetter {
        let recipient = try EmailAddress(parsing: letter.toAddress)
        let content = LetterContent(
            from: try Mailbox(displayName: profile.senderName, address: profile.senderEmail),
            to: try Mailbox(displayName: letter.toName, address: recipient),
            subject: letter.subject,
            text: letter.text,
            html: letter.html.isEmpty ? nil : letter.html,
            messageID: try MessageID(letter.messageID),
            date: clock.now()
        )
        return OutgoingLetter(
            envelopeFrom: profile.senderEmail,
            recipient: recipient,
            message: try MessageBuilder.build(content, timeZone: timeZone)
        )
    }

    private func record(
        _ action: LetterAction,
        result: DeliveryResult,
        letter: StoredLetter,
        profile: Profile,
        from: EmailAddress,
        now: Date
    ) throws {
        let mayHaveLeft: Bool
        if case .failed(let failure, let dataSent) = result {
            mayHaveLeft = dataSent && failure.isCutOff
        } else {
            mayHaveLeft = true
        }
        switch action {
        case .markSent(let reply):
            try outbox.finish(
                id: letter.id,
                owner: owner,
                .sent(reply: reply.description, from: from.address),
                now: now
            )
            logger.debug("letter sent", metadata: ["letter.id": "\(letter.id)"])
        case .retry(let at, let failure, let possibleDuplicate):
            try outbox.finish(
                id: letter.id,
                owner: owner,
                .requeue(
                    at: at,
                    reply: failure.description,
                    step: failure.step.rawValue,
                    countAttempt: action.countsAttempt,
                    mayHaveLeft: possibleDuplicate
                ),
                now: now
            )
        case .fail(let failure):
            try outbox.finish(
                id: letter.id,
                owner: owner,
                .failed(reply: failure.description, step: failure.step.rawValue, mayHaveLeft: mayHaveLeft),
                now: now
            )
        case .profileBroken(let failure):
            try keepForLater(letter, failure, countAttempt: action.countsAttempt, now: now)
            try profiles.markBroken(id: profile.id, reply: failure.description, now: now)
        case .pauseProfile(let until, let failure):
            try keepForLater(letter, failure, countAttempt: action.countsAttempt, now: now)
            try profiles.pause(id: profile.id, until: until, reply: failure.description, now: now)
        }
    }

    /// The profile, not the letter, is at fault: the letter waits in the queue with no attempt
    /// counted. A test letter fails instead: it must not go out later, unwatched.
    private func keepForLater(_ letter: StoredLetter, _ failure: SMTPFailure, countAttempt: Bool, now: Date) throws {
        let end: AttemptEnd =
            retries
            ? .requeue(
                at: now,
                reply: failure.description,
                step: failure.step.rawValue,
                countAttempt: countAttempt,
                mayHaveLeft: false
            )
            : .failed(reply: failure.description, step: failure.step.rawValue, mayHaveLeft: false)
        try outbox.finish(id: letter.id, owner: owner, end, now: now)
    }
}

extension SMTPFailure {
    /// True when the failure is the connection's or the profile's, not this letter's: the rest
    /// of the batch would meet it too (or the server asked us to go away), so they wait in the
    /// queue, unclaimed, for a later run.
    var endsTheBatch: Bool {
        switch self {
        case .recipientRefused, .dataRefused: false
        case .dns, .connect, .tls, .auth, .senderRefused, .timeout, .connectionLost, .addressNotAllowed,
            .clearTextLoginNotAllowed:
            true
        }
    }
}
