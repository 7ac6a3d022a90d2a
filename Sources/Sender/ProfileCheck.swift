import Foundation
import Logging
public import MailCore
import Secrets
import Storage

/// «Проверка профиля» and `mailrobot-send test`: a real test letter through one profile, sent
/// at once over a fresh connection, with the outcome, the masked dialogue and a hint. The test
/// letter is a priority letter: it counts in the limits and shows in the journal.
public struct ProfileCheck {
    let setup: SenderSetup

    /// The check takes the profile's lock as a run does: a check waits for no run and no run for
    /// a check, so the two never spend the same last unit of a limit.
    public init(_ setup: SenderSetup) {
        self.setup = setup
    }

    private var db: Database { setup.database }
    private var clock: any WallClock { setup.clock }

    /// What the check found.
    public struct Outcome: Sendable {
        public enum Result: Sendable, Equatable {
            /// The server took the test letter.
            case sent(reply: SMTPReply)
            /// It did not: the step, the reply and what to do about it.
            case failed(SMTPFailure, hint: SMTPHint)
            /// The address typed is not one a letter can go to (shown next to the field).
            case badAddress(LocalizedText)
            /// Nothing was sent: the limits, a run at work, or an unreadable password said no.
            case refused(LocalizedText)
        }

        public let result: Result
        public let transcript: Transcript
        public let letterID: Int64?
        /// What the dialogue showed about the login, for a letter that went (no `AUTH` offered,
        /// a password without encryption); a failed letter's hint says it already.
        public let warnings: [LocalizedText]

        init(
            _ result: Result,
            transcript: Transcript = Transcript(),
            letterID: Int64? = nil,
            warnings: [LocalizedText] = []
        ) {
            self.result = result
            self.transcript = transcript
            self.letterID = letterID
            self.warnings = warnings
        }
    }

    /// Sends a test letter through `profile` to `address` (as typed), its text in `language`
    /// (the panel's).
    public func run(profile: Profile, to address: String, language: Language = .fallback) throws -> Outcome {
        let recipient: EmailAddress
        do {
            recipient = try EmailAddress(parsing: address.trimmingCharacters(in: .whitespaces))
        } catch {
            return Outcome(.badAddress(error.message))
        }
        guard let lock = try ProfileLock.acquire(profileID: profile.id, in: setup.locksFolder) else {
            return Outcome(.refused(Self.busy))
        }
        return try withExtendedLifetime(lock) { try send(through: profile, to: recipient, language: language) }
    }

    private func send(through profile: Profile, to recipient: EmailAddress, language: Language) throws -> Outcome {
        let now = clock.now()
        if let wait = try limitWait(profile, now: now) { return Outcome(.refused(wait)) }
        let session: any MailSession
        switch try setup.session(for: profile) {
        case .success(let opened): session = opened
        case .failure(.passwordMissing): return Outcome(.refused(Self.passwordMissing))
        case .failure: return Outcome(.refused(Self.passwordUnreadable))
        }
        defer { session.close() }
        let owner = "check:\(getpid()):\(RandomBytes.token(byteCount: 6))"
        let outbox = OutboxStore(db)
        let letter = try outbox.enqueueClaimed(
            testLetter(profile: profile, to: recipient, language: language, now: now),
            by: Claimant(owner: owner, boot: setup.boot),
            leaseUntil: now.addingTimeInterval(LetterDelivery.lease),
            now: now
        )
        var delivery = LetterDelivery(
            outbox: outbox,
            profiles: ProfileStore(db),
            owner: owner,
            clock: clock,
            timeZone: try SettingsStore(db).timeZone(),
            logger: setup.logger
        )
        delivery.retries = false
        let result: DeliveryResult
        do {
            result = try delivery.deliver(letter, of: profile, over: session).result
        } catch {
            // The letter must not stay claimed: recovery would send it later, unwatched.
            _ = try? outbox.finish(
                id: letter.id,
                owner: owner,
                .failed(reply: ProgramNote.checkInterrupted.recorded("\(error)"), step: "", mayHaveLeft: true),
                now: clock.now()
            )
            throw error
        }
        let login = LoginFacts(dialogue: session.transcript, security: profile.security, login: profile.login)
        switch result {
        case .sent(let reply):
            try ProfileStore(db).clearBroken(id: profile.id)
            try ProfileStore(db).recordSuccess(id: profile.id, at: clock.now())
            return Outcome(
                .sent(reply: reply),
                transcript: session.transcript,
                letterID: letter.id,
                warnings: login.warnings
            )
        case .failed(let failure, _):
            // A recipient's or the letter's refusal says nothing about the profile.
            if failure.endsTheBatch {
                try ProfileStore(db).recordFailure(id: profile.id, failure: failure.description, at: clock.now())
            }
            let hint = SMTPHint(
                for: failure,
                host: profile.host,
                port: profile.port,
                security: profile.security,
                login: login
            )
            return Outcome(.failed(failure, hint: hint), transcript: session.transcript, letterID: letter.id)
        }
    }

    /// Why the limits hold a priority letter right now (ignoring a broken or paused state, which
    /// a check is there to test), or nil when one may go.
    private func limitWait(_ profile: Profile, now: Date) throws -> LocalizedText? {
        var tested = profile
        tested.state = .ok
        guard let wait = try SendAllowance(db).wait(for: tested, isPriority: true, now: now) else { return nil }
        let time = OperatorTime(timeZone: try SettingsStore(db).timeZone())
        return wait.priorityRefusal(profile.limits, now: now, time: time.string)
    }

    static let busy = LocalizedText(
        ru: "Робот как раз отправляет письма этого профиля. Повторите проверку через минуту.",
        en: "The robot is sending this profile's letters right now. Try the check again in a minute."
    )

    static let passwordMissing = LocalizedText(
        ru:
            "У профиля нет пароля: он сброшен, когда изменились сервер, порт, SSL или логин. Введите пароль заново в форме профиля.",
        en:
            "The profile has no password: it was dropped when the server, port, SSL mode or login changed. Enter the password again in the profile form."
    )

    static let passwordUnreadable = LocalizedText(
        ru:
            "Сохранённый пароль профиля не открывается ключом secret.key (ключ заменён?). Введите пароль заново в форме профиля.",
        en:
            "The profile's stored password does not open with secret.key (was the key replaced?). Enter the password again in the profile form."
    )

    private func testLetter(profile: Profile, to recipient: EmailAddress, language: Language, now: Date) -> NewLetter {
        let words = Self.testLetterWords(profile: profile)
        return NewLetter(
            profileID: profile.id,
            event: "test",
            toAddress: recipient.address,
            subject: words.subject(language),
            text: words.text(language),
            messageID: MessageID.generate(domain: profile.senderEmail.domain, at: now).value,
            priority: true,
            isTest: true
        )
    }

    /// The test letter's subject and text, in both languages: wholly in the panel's language.
    static func testLetterWords(profile: Profile) -> (subject: LocalizedText, text: LocalizedText) {
        let server = { (language: Language) in
            "\(profile.host):\(profile.port), \(profile.security.title(language))"
        }
        let subject = LocalizedText(
            ru: "Проверка профиля «\(profile.name)» — mailrobot",
            en: "Profile check “\(profile.name)” — mailrobot"
        )
        let text = LocalizedText(
            ru: """
                Это тестовое письмо mailrobot: профиль «\(profile.name)» отправляет почту.
                Сервер: \(server(.ru)).
                Отправитель: \(profile.senderEmail.address).
                """,
            en: """
                This is a mailrobot test letter: the profile “\(profile.name)” sends mail.
                Server: \(server(.en)).
                Sender: \(profile.senderEmail.address).
                """
        )
        return (subject, text)
    }
}
