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
        let sealer = context.services.sealer
        let seal = { (password: String, profile: Profile) in try sealer.seal(password, for: profile) }
        do {
            if let id {
                try store.update(id: id, settings, now: context.now, seal: seal)
            } else {
                _ = try store.create(settings, now: context.now, seal: seal)
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
        return .redirect(to: Path.profiles.link(query: [("done", id == nil ? "created" : "saved")]))
    }

    private static func draftFromForm(_ form: FormData) -> ProfileDraft {
        var draft = ProfileDraft()
        for field in ProfileField.allCases {
            draft[field] = form[field.rawValue] ?? ""
        }
        draft.isDefault = form["is_default"] == "1"
        return draft
    }

    private static func form(
        _ context: RequestContext,
        id: Int64?,
        draft: ProfileDraft,
        errors: FieldErrors<ProfileField>,
        status: HTTPStatus = .ok
    ) throws -> HTTPResponse {
        let stored = try id.flatMap { try ProfileStore(context.db).find(id: $0) }
        let language = context.language
        let fields = ProfileFormPage.Fields { field in
            FormField(
                name: field.rawValue,
                value: field == .password ? "" : draft[field],
                label: context.strings.text(field.label),
                help: context.strings.text(field.help),
                type: field.inputType,
                autocomplete: field == .password ? "new-password" : "off",
                isNumeric: field.isNumeric,
                error: errors[field].map { $0(language) }
            )
        }
        let matched = ProviderPreset.matching(host: draft.host)
        var page = ProfileFormPage(
            isNew: id == nil,
            action: id.map { Path.profile.link(id: $0) } ?? Path.profiles.link(),
            title: id == nil ? context.strings.text(.profileNewTitle) : context.strings.text(.profileEditTitle),
            fields: fields,
            hasErrors: !errors.isEmpty,
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
                    note: preset.passwordNote?(language) ?? context.strings.text(.presetNoAppPassword),
                    isSelected: preset.id == matched?.id
                )
            },
            presetNote: matched?.passwordNote?(language) ?? "",
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

    var isNumeric: Bool {
        switch self {
        case .port, .maxPerDay, .intervalMinutes, .batchSize, .priorityPerDay: true
        default: false
        }
    }
}
