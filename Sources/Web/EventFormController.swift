import Foundation
import HTTPCore
import MailCore
import Storage
import Templating

/// An event's page: its settings, the three templates, the sample data and a preview rendered
/// with it («Предпросмотр» re-renders without saving; app.js does it live through `eventPreview`).
extension RequestContext {
    func eventForm(code: String) throws -> HTTPResponse {
        guard let event = try EventStore(db).find(code: code) else { return notFound() }
        var values: [String: Any] = [:]
        if query["done"] == "created" { values["flash"] = text("event_flash_created") }
        return try renderEventForm(event, draft: EventDraft(event, language: language), extra: values)
    }

    /// «Сохранить» or, with `preview` in the form, «Предпросмотр» of what was typed.
    func saveEvent(code: String) throws -> HTTPResponse {
        let store = EventStore(db)
        guard var event = try store.find(code: code) else { return notFound() }
        let draft = EventDraft(form: form)
        if form.has("preview") {
            return try renderEventForm(event, draft: draft, extra: ["flash": text("event_preview_unsaved")])
        }
        let errors = try eventErrors(draft)
        guard errors.isEmpty else { return try renderEventForm(event, draft: draft, errors: errors, status: 422) }
        event.setName(draft.name, language)
        event.isEnabled = draft.isEnabled
        event.profileID = Int64(draft.profile)
        event.isPriority = draft.isPriority
        event.subject = draft.subject
        event.html = draft.html
        event.text = draft.text
        event.sample = draft.sample
        event.updatedAt = now
        try store.update(event)
        app.logger.info("event saved", metadata: ["event": "\(code)"])
        return .redirect(to: Path.events.link(query: [("done", "saved")]))
    }

    /// `POST /events/{code}/preview`: the letter for the typed templates and sample, as JSON
    /// (`subject`, `html`, `text`), or the first problem (`error`: `field`, `message`). Both are
    /// 200: a template being typed is broken most of the time, and that is an answer, not a
    /// failed request (the browser's console stays clean).
    func eventPreview(code: String) throws -> HTTPResponse {
        guard try EventStore(db).find(code: code) != nil else { return notFound() }
        let preview = letterPreview(EventDraft(form: form))
        if let letter = preview.letter {
            return APIResponse.json(
                200,
                ["subject": .string(letter.subject), "html": .string(letter.html), "text": .string(letter.text)]
            )
        }
        let field = EventField.allCases.first { preview.errors[$0] != nil } ?? .html
        return APIResponse.json(
            200,
            [
                "error": .object(["field": .string(field.rawValue), "message": .string(preview.errors[field] ?? "")])
            ]
        )
    }

    /// Every problem of the draft, by field: the preview's and the name's and profile's.
    private func eventErrors(_ draft: EventDraft) throws -> [EventField: String] {
        var errors = letterPreview(draft).errors
        if let problem = eventNameProblem(draft.name) { errors[.name] = problem }
        if !draft.profile.isEmpty {
            let exists = try Int64(draft.profile).flatMap { try ProfileStore(db).find(id: $0) } != nil
            if !exists { errors[.profile] = text("event_error_profile") }
        }
        return errors
    }

    /// Why a name cannot be an event's name, if it cannot.
    func eventNameProblem(_ name: String) -> String? {
        if name.isEmpty { return text("event_error_name_required") }
        if HeaderSafety.hasControlCharacters(name) { return text("event_error_control") }
        if name.count > EventDraft.maxNameLength { return tooLong(EventDraft.maxNameLength) }
        return nil
    }

    /// The letter rendered with the sample, or the problems of the templates and sample.
    private func letterPreview(_ draft: EventDraft) -> (letter: RenderedLetter?, errors: [EventField: String]) {
        var errors: [EventField: String] = [:]
        for (field, source) in [
            (EventField.subject, draft.subject), (.html, draft.html), (.text, draft.text), (.sample, draft.sample),
        ]
        where source.count > EventDraft.maxTemplateLength {
            errors[field] = tooLong(EventDraft.maxTemplateLength)
        }
        if draft.subject.allSatisfy(\.isWhitespace) { errors[.subject] = text("event_error_subject_required") }
        if HeaderSafety.hasControlCharacters(draft.subject) { errors[.subject] = text("event_error_subject_line") }
        if draft.html.allSatisfy(\.isWhitespace) { errors[.html] = text("event_error_html_required") }
        let sample = EventDraft.parseSample(draft.sample)
        if sample == nil { errors[.sample] = text("event_error_sample") }
        for problem in LetterTemplate.problems(subject: draft.subject, html: draft.html, text: draft.text) {
            let field: EventField =
                switch problem.part {
                case .subject: .subject
                case .html: .html
                case .text: .text
                }
            errors[field] = templateProblemText(problem)
        }
        guard errors.isEmpty, let sample,
            let template = try? LetterTemplate(subject: draft.subject, html: draft.html, text: draft.text)
        else { return (nil, errors) }
        return (template.render(.object(sample)), errors)
    }

    /// «Шаблон не разобран: строка 3: раздел {{#items}} открыт, но не закрыт».
    private func templateProblemText(_ problem: LetterTemplate.Problem) -> String {
        let reason =
            switch problem.kind {
            case .unclosedSection(let tag?):
                text("event_template_unclosed").replacingOccurrences(of: "{tag}", with: tag)
            case .unclosedSection(nil): text("event_template_unclosed_somewhere")
            case .mismatchedClose: text("event_template_mismatch")
            case .unfinishedTag: text("event_template_unfinished")
            case .badDelimiter: text("event_template_delimiter")
            case .other: text("event_template_other") + " (" + problem.reason + ")"
            }
        return text("event_error_template")
            .replacingOccurrences(of: "{line}", with: String(problem.line))
            .replacingOccurrences(of: "{reason}", with: reason)
    }

    private func tooLong(_ limit: Int) -> String {
        text("event_error_too_long").replacingOccurrences(of: "{max}", with: String(limit))
    }

    /// The page for `draft`; `errors` default to the preview's (templates and sample).
    private func renderEventForm(
        _ event: StoredEvent,
        draft: EventDraft,
        errors: [EventField: String]? = nil,
        status: Int = 200,
        extra: [String: Any] = [:]
    ) throws -> HTTPResponse {
        let preview = letterPreview(draft)
        let errors = errors ?? preview.errors
        func field(_ name: EventField, _ value: String, rows: Int = 1) -> [String: Any] {
            var entry: [String: Any] = [
                "name": name.rawValue, "value": value, "label": text("event_field_" + name.rawValue), "type": "text",
                "autocomplete": "off", "help": text("event_help_" + name.rawValue), "rows": String(rows),
            ]
            if let message = errors[name] { entry["error"] = message }
            return entry
        }
        var values = extra
        values["event"] = ["code": event.code, "name": event.displayName(language), "builtin": event.isBuiltin]
        values["title"] = text("event_edit_title").replacingOccurrences(of: "{name}", with: event.displayName(language))
        values["has_errors"] = !errors.isEmpty
        values["enabled"] = draft.isEnabled
        values["priority"] = draft.isPriority
        values["f"] = [
            "name": field(.name, draft.name), "subject": field(.subject, draft.subject),
            "html": field(.html, draft.html, rows: 18), "text": field(.text, draft.text, rows: 10),
            "sample": field(.sample, draft.sample, rows: 10),
        ]
        if let message = errors[.profile] { values["profile_error"] = message }
        values["profiles"] = try ProfileStore(db).all().map { profile in
            ["id": String(profile.id), "name": profile.name, "selected": draft.profile == String(profile.id)]
                as [String: Any]
        }
        values["variables"] = draft.variableNames
        values["has_variables"] = !draft.variableNames.isEmpty
        if let letter = preview.letter {
            values["preview"] = ["subject": letter.subject, "html": letter.html, "text": letter.text]
        } else {
            values["preview_error"] = text("event_preview_blocked")
        }
        return try page("event_form", status: status, values)
    }
}
