import Foundation
public import MailCore
public import Storage
public import Templating

/// Checks a `LetterRequest`, renders it from its event's templates and queues it. Rendering
/// happens here, once, so a later template edit never changes a queued letter. The letter gets
/// its `Message-ID` here too, on the sender's domain, and keeps it on every retry.
public struct Enqueuer {
    let db: Database
    let clock: any WallClock

    let templates: LetterTemplateCache
    let waker: (any PassWaker)?

    /// `templates` keeps compiled templates between calls; a long-lived caller (the panel's API)
    /// passes one it keeps, a one-off caller (the CLI) can leave the default. `waker` starts
    /// the profile's pass at once for a priority letter (nil: the letter waits for cron).
    public init(
        database: Database,
        clock: any WallClock,
        templates: LetterTemplateCache = LetterTemplateCache(),
        waker: (any PassWaker)? = nil
    ) {
        self.db = database
        self.clock = clock
        self.templates = templates
        self.waker = waker
    }

    /// Longest idempotency key accepted.
    public static let maxKeyLength = 200
    public static let maxNameLength = 200

    public func enqueue(_ request: LetterRequest) throws -> EnqueueResult {
        let recipient: EmailAddress
        do {
            recipient = try EmailAddress(parsing: request.to.trimmingCharacters(in: .whitespaces))
        } catch {
            throw EnqueueRefusal(field: "to", text: error.message)
        }
        try check(request.toName, field: "to_name", maxLength: Self.maxNameLength)
        if let key = request.idempotencyKey {
            guard !key.isEmpty, key.count <= Self.maxKeyLength,
                key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
            else {
                throw EnqueueRefusal(
                    field: "idempotency_key",
                    text: LocalizedText(
                        ru: "от 1 до \(Self.maxKeyLength) печатных символов ASCII без пробелов",
                        en: "must be 1-\(Self.maxKeyLength) printable ASCII characters without spaces"
                    )
                )
            }
        }
        let event = try request.event.map(findEvent)
        if let event, !event.isEnabled { return .skipped }
        let profile = try chooseProfile(named: request.profile, event: event)
        let letter = try render(request, event: event)
        let now = clock.now()
        let priority = request.priority ?? event?.isPriority ?? false
        let queued = try OutboxStore(db).enqueue(
            NewLetter(
                profileID: profile.id,
                event: event?.code ?? "",
                toAddress: recipient.address,
                toName: request.toName.trimmingCharacters(in: .whitespaces),
                subject: letter.subject,
                text: letter.text,
                html: letter.html,
                messageID: MessageID.generate(domain: profile.senderEmail.domain, at: now).value,
                priority: priority,
                idempotencyKey: request.idempotencyKey
            ),
            now: now
        )
        guard queued.isNew else { return .repeated(id: queued.id) }
        // Committed: a priority letter's pass may start now (a regular letter wakes nothing).
        if priority { waker?.wake(for: profile, in: db, now: now) }
        return .queued(id: queued.id)
    }

    private func findEvent(_ code: String) throws -> StoredEvent {
        guard let event = try EventStore(db).find(code: code) else {
            throw EnqueueRefusal(
                field: "event",
                text: LocalizedText(
                    ru: "нет события «\(code.prefix(64))»",
                    en: "unknown event \"\(code.prefix(64))\""
                )
            )
        }
        return event
    }

    private func chooseProfile(named name: String?, event: StoredEvent?) throws -> Profile {
        let store = ProfileStore(db)
        if let name {
            guard let profile = try store.find(name: name) else {
                throw EnqueueRefusal(
                    field: "profile",
                    text: LocalizedText(
                        ru: "нет профиля «\(name.prefix(100))»",
                        en: "no profile named \"\(name.prefix(100))\""
                    )
                )
            }
            return profile
        }
        if let id = event?.profileID, let profile = try store.find(id: id) { return profile }
        guard let profile = try store.defaultProfile() else {
            throw EnqueueRefusal(
                field: "profile",
                text: LocalizedText(
                    ru: "ещё не создан ни один профиль email",
                    en: "no e-mail profile is set up yet"
                )
            )
        }
        return profile
    }

    /// The letter's subject, text and HTML: rendered from the event, or as given; refused when
    /// a part is larger than a letter may be (`LetterTemplate.maxBodyBytes`, `maxSubjectLength`),
    /// so the API, the CLI and the panel all keep to the same bounds.
    private func render(_ request: LetterRequest, event: StoredEvent?) throws -> RenderedLetter {
        let letter = try unboundedRender(request, event: event)
        if letter.subject.count > LetterTemplate.maxSubjectLength {
            throw EnqueueRefusal(
                field: "subject",
                text: LocalizedText(
                    ru: "тема длиннее \(LetterTemplate.maxSubjectLength) символов",
                    en: "the subject is longer than \(LetterTemplate.maxSubjectLength) characters"
                )
            )
        }
        for (field, body) in [("html", letter.html), ("text", letter.text)]
        where body.utf8.count > LetterTemplate.maxBodyBytes {
            throw EnqueueRefusal(
                field: field,
                text: LocalizedText(
                    ru: "\(field) письма больше 1 МиБ (\(LetterTemplate.maxBodyBytes) байт)",
                    en: "the letter's \(field) is larger than 1 MiB (\(LetterTemplate.maxBodyBytes) bytes)"
                )
            )
        }
        return letter
    }

    private func unboundedRender(_ request: LetterRequest, event: StoredEvent?) throws -> RenderedLetter {
        guard let event else {
            guard let subject = request.subject, let text = request.text, !text.isEmpty || !(request.html ?? "").isEmpty
            else {
                throw EnqueueRefusal(
                    field: "event",
                    text: LocalizedText(
                        ru: "укажите событие или тему и текст письма",
                        en: "give an event, or a subject and a text"
                    )
                )
            }
            try check(subject, field: "subject", maxLength: LetterTemplate.maxSubjectLength)
            return RenderedLetter(subject: subject, html: request.html ?? "", text: text)
        }
        // PHP's json_encode([]) writes an empty array: it means no variables.
        let variables = request.data == .array([]) ? JSONValue.object([:]) : request.data
        guard let data = variables.objectValue else {
            throw EnqueueRefusal(
                field: "data",
                text: LocalizedText(
                    ru: "должно быть JSON-объектом с переменными шаблона",
                    en: "must be an object of template variables"
                )
            )
        }
        for name in EventSample(event.sample).variableNames where data[name] == nil {
            throw EnqueueRefusal(
                field: "data.\(name)",
                text: LocalizedText(
                    ru: "нет переменной \(name), которую ждёт событие \(event.code)",
                    en: "missing variable \(name) of event \(event.code)"
                )
            )
        }
        let template: LetterTemplate
        do {
            template = try templates.template(subject: event.subject, html: event.html, text: event.text)
        } catch {
            throw EnqueueRefusal(
                field: "event",
                text: LocalizedText(
                    ru: "шаблоны события \(event.code) не разбираются: \(error)",
                    en: "the templates of event \(event.code) do not parse: \(error)"
                )
            )
        }
        let letter = template.render(variables)
        if HeaderSafety.hasControlCharacters(letter.subject) {
            let path = template.pathReachingSubject(variables).map { "data.\($0)" } ?? "event"
            throw EnqueueRefusal(
                field: path,
                text: LocalizedText(
                    ru: "перевод строки или управляющий символ попал бы в тему письма",
                    en: "a line break or control character would reach the Subject header"
                )
            )
        }
        return letter
    }

    private func check(_ value: String, field: String, maxLength: Int) throws {
        if HeaderSafety.hasControlCharacters(value) {
            throw EnqueueRefusal(
                field: field,
                text: LocalizedText(
                    ru: "переводы строк и управляющие символы недопустимы",
                    en: "line breaks and control characters are not allowed"
                )
            )
        }
        if value.count > maxLength {
            throw EnqueueRefusal(
                field: field,
                text: LocalizedText(ru: "длиннее \(maxLength) символов", en: "longer than \(maxLength) characters")
            )
        }
    }
}
