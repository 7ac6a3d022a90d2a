import Templating

/// A page's view model: the template it fills in (`templates/pages/<template>.mustache`) and where
/// `Pages` keeps that template compiled for it. `RequestContext.render` turns one into a response.
protocol PageModel: TemplateModel {
    static var template: String { get }
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome>
}

/// What the layout shows around every page: the language, the form token, the admin's name and
/// the switch to the other language.
struct Chrome: TemplateModel {
    /// The page's language code (`<html lang>`).
    let lang: String
    /// The token every form of the page carries (`{{> csrf}}`).
    let csrf: String
    /// The logged-in admin; nil before login (no menu, no logout).
    let admin: Admin?
    let otherLanguage: OtherLanguage
    /// The page's path, percent-encoded, to come back to after switching the language.
    let back: String
    /// What was just done («Профиль сохранён.»), above the page.
    var flash: String?
    /// The profiles that fail, named on every page of a logged-in admin; nil: none.
    var failing: FailingBanner?
    /// What to do next, as a link beside the flash («Проверить профиль»).
    var flashLink: Link?

    struct Admin: TemplateModel {
        let name: String
        static let templateFields: TemplateFields<Self> = ["name": .text(\.name)]
    }

    struct OtherLanguage: TemplateModel {
        let code: String
        let label: String
        static let templateFields: TemplateFields<Self> = ["code": .text(\.code), "label": .text(\.label)]
    }

    static let templateFields: TemplateFields<Self> = [
        "lang": .text(\.lang), "csrf": .text(\.csrf), "admin": .optionalObject(\.admin),
        "other_lang": .object(\.otherLanguage), "lang_back": .text(\.back), "flash": .optionalText(\.flash),
        "failing": .optionalObject(\.failing),
        "flash_link": .optionalObject(\.flashLink),
    ]
}

/// Every page template, compiled for its view model when the panel starts: a template that names
/// a field its model lacks stops the start with the template's name and line.
struct Pages: Sendable {
    let error: CompiledPage<ErrorPage, Chrome>
    let login: CompiledPage<LoginPage, Chrome>
    let overview: CompiledPage<OverviewPage, Chrome>
    let profiles: CompiledPage<ProfileListPage, Chrome>
    let profileForm: CompiledPage<ProfileFormPage, Chrome>
    let profileDelete: CompiledPage<ProfileDeletePage, Chrome>
    let profileCheck: CompiledPage<ProfileCheckPage, Chrome>
    let events: CompiledPage<EventListPage, Chrome>
    let newEvent: CompiledPage<NewEventPage, Chrome>
    let eventForm: CompiledPage<EventFormPage, Chrome>
    let tokens: CompiledPage<TokenListPage, Chrome>
    let tokenRevoke: CompiledPage<TokenRevokePage, Chrome>
    let journal: CompiledPage<JournalPage, Chrome>
    let journalLetter: CompiledPage<JournalLetterPage, Chrome>
    let journalConfirm: CompiledPage<JournalConfirmPage, Chrome>
    let settings: CompiledPage<SettingsPage, Chrome>

    init(_ library: PageLibrary, strings: StringCatalog) throws(TemplateError) {
        func compile<Page: PageModel>() throws(TemplateError) -> CompiledPage<Page, Chrome> {
            try library.compile(Page.template, strings: strings)
        }
        error = try compile()
        login = try compile()
        overview = try compile()
        profiles = try compile()
        profileForm = try compile()
        profileDelete = try compile()
        profileCheck = try compile()
        events = try compile()
        newEvent = try compile()
        eventForm = try compile()
        tokens = try compile()
        tokenRevoke = try compile()
        journal = try compile()
        journalLetter = try compile()
        journalConfirm = try compile()
        settings = try compile()
    }
}

/// The page of an error (404, 405, 403 …): the status and what it means, without the layout.
struct ErrorPage: PageModel {
    let status: Int
    let message: String

    static let template = "error"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.error }
    static let templateFields: TemplateFields<Self> = ["status": .number(\.status), "message": .text(\.message)]
}

/// A field of a form as `field.mustache` and `field_textarea.mustache` show it.
struct FormField: TemplateModel {
    let name: String
    var value: String
    let label: String
    let help: String
    var type = "text"
    var autocomplete = "off"
    var isNumeric = false
    var error: String?
    /// A value that is allowed but has a consequence the admin should know (amber, not red).
    var warning: String? = nil
    /// Marked «обязательное поле» beside the label.
    var isRequired = false
    /// Lines of a textarea.
    var rows = 1

    static let templateFields: TemplateFields<Self> = [
        "name": .text(\.name), "value": .text(\.value), "label": .text(\.label), "help": .text(\.help),
        "type": .text(\.type), "autocomplete": .text(\.autocomplete), "numeric": .flag(\.isNumeric),
        "error": .optionalText(\.error), "rows": .number(\.rows), "warning": .optionalText(\.warning),
        "required": .flag(\.isRequired),
    ]
}

/// An `<option>` of a select.
struct Option: TemplateModel {
    let value: String
    let label: String
    let isSelected: Bool

    static let templateFields: TemplateFields<Self> = [
        "value": .text(\.value), "label": .text(\.label), "selected": .flag(\.isSelected),
    ]
}

/// A link with its text.
struct Link: TemplateModel {
    let href: String
    let label: String

    static let templateFields: TemplateFields<Self> = ["href": .text(\.href), "label": .text(\.label)]
}
