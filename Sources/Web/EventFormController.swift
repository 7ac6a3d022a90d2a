import Foundation
import HTTPCore
import MailCore
import Storage
import Templating

/// An event's page: its settings, the three templates, the sample data and a preview rendered
/// with it («Предпросмотр» re-renders without saving; app.js does it live through `preview`).
enum EventFormController {
    static func show(_ context: RequestContext, code: String) throws -> HTTPResponse {
        guard let event = try EventStore(context.db).find(code: code) else { return context.notFound() }
        let page = try EventFormPage(context, event, draft: EventDraft(event, language: context.language))
        return context.render(page)
    }

    /// «Сохранить» or, with `preview` in the form, «Предпросмотр» of what was typed.
    static func save(_ context: RequestContext, code: String) throws -> HTTPResponse {
        let store = EventStore(context.db)
        guard var event = try store.find(code: code) else { return context.notFound() }
        let draft = EventDraft(form: context.form)
        if context.form.has("preview") {
            let page = try EventFormPage(context, event, draft: draft)
            return context.render(page, flash: context.strings.text(.eventPreviewUnsaved))
        }
        let errors = try problems(context, draft)
        guard errors.isEmpty else {
            return context.render(
                try EventFormPage(context, event, draft: draft, errors: errors),
                status: .unprocessableContent
            )
        }
        event.setName(draft.name, context.language)
        event.isEnabled = draft.isEnabled
        event.profileID = Int64(draft.profile)
        event.isPriority = draft.isPriority
        event.subject = draft.subject
        event.html = draft.html
        event.text = draft.text
        event.sample = draft.sample
        event.updatedAt = context.now
        try store.update(event)
        context.logger.info("event saved", metadata: ["event": "\(code)"])
        return context.redirect(to: Path.events.link(), flash: .eventSaved(name: draft.name))
    }

    /// `POST /events/{code}/preview`: the letter for the typed templates and sample, as JSON
    /// (`subject`, `html`, `text`), or the first problem (`error`: `field`, `message`). Both are
    /// 200: a template being typed is broken most of the time, and that is an answer, not a
    /// failed request (the browser's console stays clean).
    static func preview(_ context: RequestContext, code: String) throws -> HTTPResponse {
        guard try EventStore(context.db).find(code: code) != nil else { return context.notFound() }
        let preview = letterPreview(context, EventDraft(form: context.form))
        if let letter = preview.letter {
            return APIResponse.json(
                .ok,
                ["subject": .string(letter.subject), "html": .string(letter.html), "text": .string(letter.text)]
            )
        }
        let field = EventField.allCases.first { preview.errors[$0] != nil } ?? .html
        return APIResponse.json(
            .ok,
            [
                "error": .object(["field": .string(field.rawValue), "message": .string(preview.errors[field] ?? "")])
            ]
        )
    }

    /// Every problem of the draft, by field: the preview's and the name's and profile's.
    private static func problems(_ context: RequestContext, _ draft: EventDraft) throws -> [EventField: String] {
        var errors = letterPreview(context, draft).errors
        if let problem = nameProblem(context, draft.name) { errors[.name] = problem }
        if !draft.profile.isEmpty {
            let exists = try Int64(draft.profile).flatMap { try ProfileStore(context.db).find(id: $0) } != nil
            if !exists { errors[.profile] = context.strings.text(.eventErrorProfile) }
        }
        return errors
    }

    /// Why a name cannot be an event's name, if it cannot.
    static func nameProblem(_ context: RequestContext, _ name: String) -> String? {
        if name.isEmpty { return context.strings.text(.eventErrorNameRequired) }
        if HeaderSafety.hasControlCharacters(name) { return context.strings.text(.eventErrorControl) }
        if name.count > EventDraft.maxNameLength { return tooLong(context, EventDraft.maxNameLength) }
        return nil
    }

    /// The letter rendered with the sample, or the problems of the templates and sample.
    static func letterPreview(
        _ context: RequestContext,
        _ draft: EventDraft
    ) -> (letter: RenderedLetter?, errors: [EventField: String]) {
        var errors: [EventField: String] = [:]
        for (field, source) in [
            (EventField.subject, draft.subject), (.html, draft.html), (.text, draft.text), (.sample, draft.sample),
        ]
        where source.count > EventDraft.maxTemplateLength {
            errors[field] = tooLong(context, EventDraft.maxTemplateLength)
        }
        if draft.subject.allSatisfy(\.isWhitespace) {
            errors[.subject] = context.strings.text(.eventErrorSubjectRequired)
        }
        if HeaderSafety.hasControlCharacters(draft.subject) {
            errors[.subject] = context.strings.text(.eventErrorSubjectLine)
        }
        if draft.html.allSatisfy(\.isWhitespace) { errors[.html] = context.strings.text(.eventErrorHtmlRequired) }
        let sample = EventDraft.parseSample(draft.sample)
        if sample == nil { errors[.sample] = context.strings.text(.eventErrorSample) }
        for problem in LetterTemplate.problems(subject: draft.subject, html: draft.html, text: draft.text) {
            let field: EventField =
                switch problem.part {
                case .subject: .subject
                case .html: .html
                case .text: .text
                }
            errors[field] = templateProblemText(context, problem)
        }
        guard errors.isEmpty, let sample,
            let template = try? LetterTemplate(subject: draft.subject, html: draft.html, text: draft.text)
        else { return (nil, errors) }
        return (template.render(.object(sample)), errors)
    }

    /// «Шаблон не разобран: строка 3: раздел {{#items}} открыт, но не закрыт».
    private static func templateProblemText(_ context: RequestContext, _ problem: LetterTemplate.Problem) -> String {
        let strings = context.strings
        let text: (TextKey) -> String = strings.text
        let reason =
            switch problem.kind {
            case .unclosedSection(let tag?): strings.text(.eventTemplateUnclosed(tag: tag))
            case .unclosedSection(nil): text(.eventTemplateUnclosedSomewhere)
            case .mismatchedClose: text(.eventTemplateMismatch)
            case .unfinishedTag: text(.eventTemplateUnfinished)
            case .badDelimiter: text(.eventTemplateDelimiter)
            case .nestedTooDeep(let limit): strings.text(.eventTemplateTooDeep(max: limit))
            case .other: text(.eventTemplateOther) + " (" + problem.reason + ")"
            }
        return strings.text(.eventErrorTemplate(line: problem.line, reason: reason))
    }

    private static func tooLong(_ context: RequestContext, _ limit: Int) -> String {
        context.strings.text(.eventErrorTooLong(max: limit))
    }
}
