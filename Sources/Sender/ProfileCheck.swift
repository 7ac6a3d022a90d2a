import Foundation
public import Logging
public import MailCore
public import Secrets
public import Storage

/// «Проверка профиля» and `mailrobot-send test`: a real test letter through one profile, sent
/// at once over a fresh connection, with the outcome, the masked dialogue and a hint. The test
/// letter is a priority letter: it counts in the limits and shows in the journal.
public struct ProfileCheck {
    let db: Database
    let transport: any MailTransport
    let sealer: PasswordSealer
    let clock: any WallClock
    let logger: Logger

    public init(
        database: Database,
        transport: any MailTransport,
        sealer: PasswordSealer,
        clock: any WallClock,
        logger: Logger
    ) {
        self.db = database
        self.transport = transport
        self.sealer = sealer
        self.clock = clock
        self.logger = logger
    }

    /// What the check found.
    public struct Outcome: Sendable {
        public enum Result: Sendable, Equatable {
            /// The server took the test letter.
            case sent(reply: SMTPReply)
            /// It did not: the step, the reply and what to do about it.
            case failed(SMTPFailure, hint: SMTPHint)
            /// Nothing was sent: the address or the limits said no.
            case refused(reason: String)
        }

        public let result: Result
        public let transcript: Transcript
        public let letterID: Int64?
    }

    /// Sends a test letter through `profile` to `address` (as typed).
    public func run(profile: Profile, to address: String) throws -> Outcome {
        let recipient: EmailAddress
        do {
            recipient = try EmailAddress(parsing: address.trimmingCharacters(in: .whitespaces))
        } catch {
            return Outcome(result: .refused(reason: error.message.en), transcript: Transcript(), letterID: nil)
        }
        let now = clock.now()
        if let wait = try limitWait(profile, now: now) {
            return Outcome(result: .refused(reason: "limit: " + wait), transcript: Transcript(), letterID: nil)
        }
        guard let sealed = try ProfileStore(db).sealedPassword(id: profile.id),
            let password = try? sealer.open(sealed, profileID: profile.id)
        else {
            return Outcome(
                result: .refused(reason: SenderError.passwordUnreadable(profile: profile.name).description),
                transcript: Transcript(),
                letterID: nil
            )
        }
        let owner = "check:\(getpid()):\(RandomBytes.token(byteCount: 6))"
        let letter = try OutboxStore(db).enqueueClaimed(
            testLetter(profile: profile, to: recipient, now: now),
            owner: owner,
            leaseUntil: now.addingTimeInterval(LetterDelivery.lease),
            now: now
        )
        let session = transport.openSession(
            SMTPAccount(
                host: profile.host,
                port: profile.port,
                security: profile.security,
                login: profile.login,
                password: password
            )
        )
        var delivery = LetterDelivery(
            outbox: OutboxStore(db),
            profiles: ProfileStore(db),
            owner: owner,
            clock: clock,
            timeZone: try SettingsStore(db).timeZone(),
            logger: logger
        )
        delivery.retries = false
        let (_, result) = try delivery.deliver(letter, of: profile, over: session)
        session.close()
        switch result {
        case .sent(let reply):
            try ProfileStore(db).markWorking(id: profile.id)
            return Outcome(result: .sent(reply: reply), transcript: session.transcript, letterID: letter.id)
        case .failed(let failure, _):
            let hint = SMTPHint(for: failure, host: profile.host, port: profile.port, security: profile.security)
            return Outcome(result: .failed(failure, hint: hint), transcript: session.transcript, letterID: letter.id)
        }
    }

    /// Why the limits hold a priority letter right now (ignoring a broken or paused state, which
    /// a check is there to clear), or nil when one may go.
    private func limitWait(_ profile: Profile, now: Date) throws -> String? {
        let history = try OutboxStore(db).sendHistory(profileID: profile.id, now: now).map {
            SendRecord(at: $0.at, isPriority: $0.priority)
        }
        let plan = SendPlanner.plan(
            limits: profile.limits,
            state: .ok,
            history: history,
            lastRegularBatchAt: nil,
            due: [DueLetter(id: 0, isPriority: true)],
            now: now
        )
        guard plan.letters.isEmpty, let wait = plan.priorityWait else { return nil }
        return PlanDescription(profile: profile, plan: plan, timeZone: try SettingsStore(db).timeZone())
            .describe(wait)
    }

    private func testLetter(profile: Profile, to recipient: EmailAddress, now: Date) -> NewLetter {
        let text = """
            Это тестовое письмо mailrobot: профиль «\(profile.name)» отправляет почту.
            Сервер: \(profile.host):\(profile.port), \(profile.security.label).
            Отправитель: \(profile.senderEmail.address).

            This is a mailrobot test letter: profile "\(profile.name)" can send mail.
            """
        return NewLetter(
            profileID: profile.id,
            event: "test",
            toAddress: recipient.address,
            subject: "Проверка профиля «\(profile.name)» — mailrobot",
            text: text,
            messageID: MessageID.generate(domain: profile.senderEmail.domain, at: now).value,
            priority: true,
            isTest: true
        )
    }
}
