import MailCore
import Templating

/// The profile form («Основные» and «Параметры»): each field with its label, help and message,
/// the SSL choices, the mail-host presets and today's use of an existing profile.
struct ProfileFormPage: PageModel {
    /// The form's fields, each by its name (`{{#f.host}}`).
    struct Fields: TemplateModel {
        /// One per `ProfileField`, in the order of `allCases`.
        private let fields: [FormField]

        init(_ field: (ProfileField) -> FormField) {
            fields = ProfileField.allCases.map(field)
        }

        static let templateFields = TemplateFields<Self>(
            Dictionary(
                uniqueKeysWithValues: ProfileField.allCases.enumerated().map { index, field in
                    (field.rawValue, TemplateField<Self>.object { $0.fields[index] })
                }
            )
        )
    }

    struct SecurityOption: TemplateModel {
        let value: String
        let label: String
        let port: Int
        let isSelected: Bool

        static let templateFields: TemplateFields<Self> = [
            "value": .text(\.value), "label": .text(\.label), "port": .number(\.port),
            "selected": .flag(\.isSelected),
        ]
    }

    struct Preset: TemplateModel {
        let id: String
        let title: String
        let host: String
        let port: Int
        let security: String
        let note: String
        let isSelected: Bool

        static let templateFields: TemplateFields<Self> = [
            "id": .text(\.id), "title": .text(\.title), "host": .text(\.host), "port": .number(\.port),
            "security": .text(\.security), "note": .text(\.note), "selected": .flag(\.isSelected),
        ]
    }

    /// A failing field in the summary at the top, linked to its input.
    struct Problem: TemplateModel {
        let field: String
        let label: String
        let message: String

        static let templateFields: TemplateFields<Self> = [
            "field": .text(\.field), "label": .text(\.label), "message": .text(\.message),
        ]
    }

    /// One choice of «Резервный профиль»: «нет», or a profile that may be this one's reserve.
    struct ReserveOption: TemplateModel {
        let value: String
        let label: String
        let isSelected: Bool

        static let templateFields: TemplateFields<Self> = [
            "value": .text(\.value), "label": .text(\.label), "selected": .flag(\.isSelected),
        ]
    }

    let isNew: Bool
    /// Where the form posts: the list (a new profile) or the profile.
    let action: String
    let title: String
    let fields: Fields
    /// The failing fields, in the form's order.
    let problems: [Problem]
    /// «●2» beside a tab's name when its fields hold errors.
    let mainErrors: String?
    let paramsErrors: String?
    /// The typed password, sealed (`KeptPassword`), for the next submit.
    let keptPassword: String?
    /// Why the form did not save although every field is valid: the limits' warning.
    let limitsNotice: String?
    /// The limits the warning showed, sent back as the admin's confirmation (`LimitsConfirmation`).
    let confirmedLimits: String?
    let isDefault: Bool
    /// The stored profile is the default one (its flag cannot be unticked here).
    let wasDefault: Bool
    let securityOptions: [SecurityOption]
    let presets: [Preset]
    /// What the preset of the host says about passwords (empty for none).
    let presetNote: String
    /// «нет» first, then every profile that may be the reserve (not this one, none that loops).
    let reserveOptions: [ReserveOption]
    /// «Сегодня отправлено …» of a stored profile.
    var usage: String?

    /// «●N» for N errors, nil for none.
    static func errorMark(_ count: Int) -> String? {
        count > 0 ? "●\(count)" : nil
    }

    static let template = "profile_form"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.profileForm }
    static let templateFields: TemplateFields<Self> = [
        "is_new": .flag(\.isNew), "action": .text(\.action), "title": .text(\.title), "f": .object(\.fields),
        "problems": .list(\.problems), "has_errors": .flag { !$0.problems.isEmpty },
        "main_errors": .optionalText(\.mainErrors), "params_errors": .optionalText(\.paramsErrors),
        "kept_password": .optionalText(\.keptPassword), "limits_notice": .optionalText(\.limitsNotice),
        "confirmed_limits": .optionalText(\.confirmedLimits), "is_default": .flag(\.isDefault),
        "was_default": .flag(\.wasDefault),
        "security_options": .list(\.securityOptions), "presets": .list(\.presets), "preset_note": .text(\.presetNote),
        "reserve_options": .list(\.reserveOptions),
        "usage": .optionalText(\.usage),
    ]
}
