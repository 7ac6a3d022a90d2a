import Foundation
import HTTPCore
import MailCore
import Storage
import Templating

/// Creating and editing a profile, with presets for the common mail hosts.
enum ProfileFormController {
    static func new(_ context: RequestContext) throws -> HTTPResponse {
        try form(context, id: nil, draft: ProfileDraft(), errors: FieldErrors())
    }

    static func edit(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        guard let profile = try ProfileStore(context.db).find(id: id) else { return context.notFound() }
        return try form(context, id: id, draft: ProfileDraft(profile), errors: FieldErrors())
    }

    static func create(_ context: RequestContext) throws -> HTTPResponse {
        try save(context, id: nil)
    }

    static func update(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        try save(context, id: id)
    }

    private static func save(_ context: RequestContext, id: Int64?) throws -> HTTPResponse {
        let store = ProfileStore(context.db)
        if let id, try store.find(id: id) == nil { return context.notFound() }
        var draft = draftFromForm(context.form)
        if draft.password.isEmpty, let kept = KeptPassword.open(context) { draft.password = kept }
        if context.form.has("apply_preset") {
            if let preset = ProviderPreset.all.first(where: { $0.id == context.form["preset"] }) {
                preset.apply(to: &draft)
            }
            return try form(context, id: id, draft: draft, errors: FieldErrors())
        }
        let settings: ProfileSettings
        do {
            settings = try ProfileValidator.validate(draft, isNew: id == nil)
        } catch {
            return try form(context, id: id, draft: draft, errors: error, status: .unprocessableContent)
        }
        if settings.limits.priorityShareWarning != nil,
            context.form[LimitsConfirmation.field] != LimitsConfirmation.value(settings.limits)
        {
            return try form(context, id: id, draft: draft, errors: FieldErrors(), asksToConfirmLimits: true)
        }
        let sealer = context.services.sealer
        let seal = { (password: String, profile: Profile) in try sealer.seal(password, for: profile) }
        let saved: Int64
        do {
            if let id {
                try store.update(id: id, settings, now: context.now, seal: seal)
                saved = id
            } else {
                saved = try store.create(settings, now: context.now, seal: seal)
            }
        } catch ProfileStoreError.duplicateName {
            var errors = FieldErrors<ProfileField>()
            errors.add(.name, ProfileValidator.nameTaken)
            return try form(context, id: id, draft: draft, errors: errors, status: .unprocessableContent)
        } catch let problem as ReserveProblem {
            var errors = FieldErrors<ProfileField>()
            errors.add(.reserve, problem.message)
            return try form(context, id: id, draft: draft, errors: errors, status: .unprocessableContent)
        }
        let flash: Flash =
            id == nil ? .profileCreated(id: saved, name: settings.name) : .profileSaved(name: settings.name)
        return context.redirect(to: Path.profiles.link(), flash: flash)
    }

    private static func draftFromForm(_ form: FormData) -> ProfileDraft {
        var draft = ProfileDraft()
        for field in ProfileField.allCases {
            draft[field] = form[field.rawValue] ?? ""
        }
        draft.isDefault = form["is_default"] == "1"
        return draft
    }

    /// The form of `draft` with `errors` at their fields and in the summary at the top; the
    /// password typed (kept sealed, see `KeptPassword`) unless it is what failed; the limits'
    /// warning at «Кол-во приоритетных сообщений в сутки», which `asksToConfirmLimits` turns into
    /// the reason the form did not save.
    private static func form(
        _ context: RequestContext,
        id: Int64?,
        draft: ProfileDraft,
        errors: FieldErrors<ProfileField>,
        asksToConfirmLimits: Bool = false,
        status: HTTPStatus = .ok
    ) throws -> HTTPResponse {
        let stored = try id.flatMap { try ProfileStore(context.db).find(id: $0) }
        let language = context.language
        let limits = ProfileValidator.limits(of: draft)
        let limitsWarning = limits?.priorityShareWarning
        let kept = errors[.password] == nil ? KeptPassword.seal(draft.password, context) : nil
        let fields = ProfileFormPage.Fields { field in
            FormField(
                name: field.rawValue,
                value: field == .password ? "" : draft[field],
                label: context.strings.text(field.label),
                help: context.strings.text(field == .password && kept != nil ? .helpPasswordKept : field.help),
                type: field.inputType,
                autocomplete: field == .password ? "new-password" : "off",
                isNumeric: field.isNumeric,
                error: errors[field].map { $0(language) },
                warning: field == .priorityPerDay ? limitsWarning?(language) : nil,
                isRequired: field.isRequired(isNew: id == nil) && !(field == .password && kept != nil)
            )
        }
        let failing = ProfileField.allCases.filter { errors[$0] != nil }
        let matched = ProviderPreset.matching(host: draft.host)
        var page = ProfileFormPage(
            isNew: id == nil,
            action: id.map { Path.profile.link(id: $0) } ?? Path.profiles.link(),
            title: stored.map { context.strings.text(.profileEditTitle(name: $0.name)) }
                ?? context.strings.text(.profileNewTitle),
            fields: fields,
            problems: failing.map { field in
                ProfileFormPage.Problem(
                    field: field.rawValue,
                    label: context.strings.text(field.label),
                    message: errors[field].map { $0(language) } ?? ""
                )
            },
            mainErrors: ProfileFormPage.errorMark(failing.count(where: { !$0.isLimit })),
            paramsErrors: ProfileFormPage.errorMark(failing.count(where: \.isLimit)),
            keptPassword: kept,
            limitsNotice: asksToConfirmLimits ? context.strings.text(.limitsConfirm) : nil,
            confirmedLimits: limitsWarning == nil ? nil : limits.map(LimitsConfirmation.value),
            isDefault: draft.isDefault,
            wasDefault: stored?.isDefault ?? false,
            securityOptions: SecurityMode.allCases.map { mode in
                ProfileFormPage.SecurityOption(
                    value: mode.rawValue,
                    label: ProfileListController.securityLabel(context, mode),
                    port: mode.suggestedPort,
                    isSelected: draft.security == mode.rawValue
                )
            },
            presets: ProviderPreset.all.map { preset in
                ProfileFormPage.Preset(
                    id: preset.id,
                    title: preset.title,
                    host: preset.host,
                    port: preset.port,
                    security: preset.security.rawValue,
                    note: presetNote(preset, context),
                    isSelected: preset.id == matched?.id
                )
            },
            presetNote: matched.map { presetNote($0, context) } ?? "",
            reserveOptions: try reserveOptions(context, id: id, selected: draft.reserve)
        )
        if let stored {
            let usage = try UsageStore(context.db).lastDay(now: context.now)[stored.id] ?? ProfileUsage()
            page.usage = context.strings.text(
                .usageToday(
                    sent: usage.total,
                    max: stored.limits.maxPerDay,
                    priority: usage.priority,
                    priorityMax: stored.limits.priorityPerDay
                )
            )
        }
        return context.render(page, status: status)
    }

    /// What the form says about a mail service: its server and login when they differ from box to
    /// box (1Gb.ru), and whether it wants an app password.
    private static func presetNote(_ preset: ProviderPreset, _ context: RequestContext) -> String {
        let password = preset.passwordNote?(context.language) ?? context.strings.text(.presetNoAppPassword)
        return preset.serverNote.map { $0(context.language) + " " + password } ?? password
    }
}

/// The admin's «yes, I mean it» for a priority share that stops one class of letters: the hidden
/// field carries the two numbers the warning was about, so changing either warns again.
enum LimitsConfirmation {
    static let field = "limits_confirmed"

    static func value(_ limits: ProfileLimits) -> String {
        "\(limits.priorityPerDay)/\(limits.maxPerDay)"
    }
}

extension ProfileFormController {
    /// «нет», then the profiles `id` may name as its reserve, by name.
    private static func reserveOptions(
        _ context: RequestContext,
        id: Int64?,
        selected: String
    ) throws -> [ProfileFormPage.ReserveOption] {
        let store = ProfileStore(context.db)
        let allowed = Set(ReserveRoute.choices(for: id, reserves: try store.reserves()))
        let none = ProfileFormPage.ReserveOption(
            value: "",
            label: context.strings.text(.reserveNone),
            isSelected: selected.isEmpty
        )
        return [none]
            + (try store.all()).filter { allowed.contains($0.id) }.map { profile in
                ProfileFormPage.ReserveOption(
                    value: String(profile.id),
                    label: profile.name,
                    isSelected: selected == String(profile.id)
                )
            }
    }
}

extension ProfileField {
    /// The HTML input type of the field. Numbers stay text inputs so that the server's own
    /// message, not the browser's, explains a wrong value.
    var inputType: String {
        switch self {
        case .password: "password"
        case .senderEmail: "email"
        default: "text"
        }
    }

    /// The field's label on the form and in the list.
    var label: TextKey {
        switch self {
        case .name: .fieldName
        case .host: .fieldHost
        case .port: .fieldPort
        case .security: .fieldSecurity
        case .senderName: .fieldSenderName
        case .senderEmail: .fieldSenderEmail
        case .login: .fieldLogin
        case .password: .fieldPassword
        case .allowPlainAuth: .fieldAllowPlainAuth
        case .allowPrivateHost: .fieldAllowPrivateHost
        case .maxPerDay: .fieldMaxPerDay
        case .intervalMinutes: .fieldIntervalMinutes
        case .batchSize: .fieldBatchSize
        case .priorityPerDay: .fieldPriorityPerDay
        case .reserve: .fieldReserveProfile
        }
    }

    /// The one line under the field that explains it.
    var help: TextKey {
        switch self {
        case .name: .helpName
        case .host: .helpHost
        case .port: .helpPort
        case .security: .helpSecurity
        case .senderName: .helpSenderName
        case .senderEmail: .helpSenderEmail
        case .login: .helpLogin
        case .password: .helpPassword
        case .allowPlainAuth: .helpAllowPlainAuth
        case .allowPrivateHost: .helpAllowPrivateHost
        case .maxPerDay: .helpMaxPerDay
        case .intervalMinutes: .helpIntervalMinutes
        case .batchSize: .helpBatchSize
        case .priorityPerDay: .helpPriorityPerDay
        case .reserve: .helpReserveProfile
        }
    }

    /// A field on the «Параметры» tab.
    var isLimit: Bool {
        switch self {
        case .maxPerDay, .intervalMinutes, .batchSize, .priorityPerDay: true
        default: false
        }
    }

    /// The form cannot be saved with the field empty (the password only for a new profile: on
    /// edit, empty keeps the stored one).
    func isRequired(isNew: Bool) -> Bool {
        switch self {
        case .name, .host, .login, .maxPerDay, .intervalMinutes, .batchSize, .priorityPerDay: true
        case .password: isNew
        case .port, .security, .senderName, .senderEmail, .allowPlainAuth, .allowPrivateHost, .reserve: false
        }
    }

    var isNumeric: Bool {
        switch self {
        case .port, .maxPerDay, .intervalMinutes, .batchSize, .priorityPerDay: true
        default: false
        }
    }
}
