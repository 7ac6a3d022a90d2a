import MailCore
import Storage
import Templating

/// An event's page: its settings and letter templates as typed, their messages, the sample's
/// variables, and the letter rendered with the sample (or why it cannot be).
struct EventFormPage: PageModel {
    struct Event: TemplateModel {
        let code: String
        let name: String
        let isBuiltin: Bool

        static let templateFields: TemplateFields<Self> = [
            "code": .text(\.code), "name": .text(\.name), "builtin": .flag(\.isBuiltin),
        ]
    }

    struct Fields: TemplateModel {
        let name: FormField
        let subject: FormField
        let html: FormField
        let text: FormField
        let sample: FormField

        static let templateFields: TemplateFields<Self> = [
            "name": .object(\.name), "subject": .object(\.subject), "html": .object(\.html), "text": .object(\.text),
            "sample": .object(\.sample),
        ]
    }

    struct Preview: TemplateModel {
        let subject: String
        let html: String
        let text: String

        static let templateFields: TemplateFields<Self> = [
            "subject": .text(\.subject), "html": .text(\.html), "text": .text(\.text),
        ]
    }

    let event: Event
    let title: String
    let hasErrors: Bool
    let isEnabled: Bool
    let isPriority: Bool
    let fields: Fields
    let profileError: String?
    /// «Профиль по умолчанию» is the template's own first option; these are the profiles.
    let profiles: [Option]
    let variables: [String]
    let preview: Preview?
    let previewError: String?

    /// The page for `draft`; `errors` default to the preview's (templates and sample).
    init(
        _ context: RequestContext,
        _ event: StoredEvent,
        draft: EventDraft,
        errors: [EventField: String]? = nil
    ) throws {
        let rendered = EventFormController.letterPreview(context, draft)
        let errors = errors ?? rendered.errors
        func field(_ name: EventField, _ value: String, rows: Int = 1) -> FormField {
            FormField(
                name: name.rawValue,
                value: value,
                label: context.strings.text(name.label),
                help: context.strings.text(name.help),
                error: errors[name],
                rows: rows
            )
        }
        let name = event.displayName(context.language)
        self.event = Event(code: event.code, name: name, isBuiltin: event.isBuiltin)
        title = context.strings.text(.eventEditTitle(name: name))
        hasErrors = !errors.isEmpty
        isEnabled = draft.isEnabled
        isPriority = draft.isPriority
        fields = Fields(
            name: field(.name, draft.name),
            subject: field(.subject, draft.subject),
            html: field(.html, draft.html, rows: 18),
            text: field(.text, draft.text, rows: 10),
            sample: field(.sample, draft.sample, rows: 10)
        )
        profileError = errors[.profile]
        profiles = try ProfileStore(context.db).all().map { profile in
            Option(value: String(profile.id), label: profile.name, isSelected: draft.profile == String(profile.id))
        }
        variables = draft.variableNames
        preview = rendered.letter.map { Preview(subject: $0.subject, html: $0.html, text: $0.text) }
        previewError = rendered.letter == nil ? context.strings.text(.eventPreviewBlocked) : nil
    }

    static let template = "event_form"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.eventForm }
    static let templateFields: TemplateFields<Self> = [
        "event": .object(\.event), "title": .text(\.title), "has_errors": .flag(\.hasErrors),
        "enabled": .flag(\.isEnabled), "priority": .flag(\.isPriority), "f": .object(\.fields),
        "profile_error": .optionalText(\.profileError), "profiles": .list(\.profiles),
        "variables": .list(\.variables), "has_variables": .flag { !$0.variables.isEmpty },
        "preview": .optionalObject(\.preview), "preview_error": .optionalText(\.previewError),
    ]
}
