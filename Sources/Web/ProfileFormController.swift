import Foundation
import HTTPCore
import MailCore
import Storage

/// Creating and editing a profile, with presets for the common mail hosts.
extension RequestContext {
    func profileForm(id: Int64?) throws -> HTTPResponse {
        guard let id else { return try renderProfileForm(id: nil, draft: ProfileDraft(), errors: FieldErrors()) }
        guard let profile = try ProfileStore(db).find(id: id) else { return notFound() }
        return try renderProfileForm(id: id, draft: ProfileDraft(profile), errors: FieldErrors())
    }

    func saveProfile(id: Int64?) throws -> HTTPResponse {
        let store = ProfileStore(db)
        if let id, try store.find(id: id) == nil { return notFound() }
        var draft = draftFromForm()
        if form.has("apply_preset") {
            if let preset = ProviderPreset.all.first(where: { $0.id == form["preset"] }) {
                draft.host = preset.host
                draft.port = String(preset.port)
                draft.security = preset.security.rawValue
            }
            return try renderProfileForm(id: id, draft: draft, errors: FieldErrors())
        }
        let settings: ProfileSettings
        do {
            settings = try ProfileValidator.validate(draft, isNew: id == nil)
        } catch {
            return try renderProfileForm(id: id, draft: draft, errors: error, status: 422)
        }
        let seal = { (password: String, profileID: Int64) in try app.sealer.seal(password, profileID: profileID) }
        do {
            if let id {
                try store.update(id: id, settings, now: now, seal: seal)
            } else {
                _ = try store.create(settings, now: now, seal: seal)
            }
        } catch ProfileStoreError.duplicateName {
            var errors = FieldErrors<ProfileField>()
            errors.add(.name, ProfileValidator.nameTaken)
            return try renderProfileForm(id: id, draft: draft, errors: errors, status: 422)
        }
        return .redirect(to: Path.profiles.link(query: [("done", id == nil ? "created" : "saved")]))
    }

    private func draftFromForm() -> ProfileDraft {
        var draft = ProfileDraft()
        for field in ProfileField.allCases {
            draft[field] = form[field.rawValue] ?? ""
        }
        draft.isDefault = form["is_default"] == "1"
        return draft
    }

    private func renderProfileForm(
        id: Int64?,
        draft: ProfileDraft,
        errors: FieldErrors<ProfileField>,
        status: Int = 200
    ) throws -> HTTPResponse {
        let stored = try id.flatMap { try ProfileStore(db).find(id: $0) }
        var fields: [String: Any] = [:]
        for field in ProfileField.allCases {
            var entry: [String: Any] = [
                "name": field.rawValue, "value": field == .password ? "" : draft[field],
                "help": text("help_" + field.rawValue), "label": text("field_" + field.rawValue),
                "type": field.inputType, "numeric": field.isNumeric,
                "autocomplete": field == .password ? "new-password" : "off",
            ]
            if let message = errors[field] { entry["error"] = message(language) }
            fields[field.rawValue] = entry
        }
        let matched = ProviderPreset.matching(host: draft.host)
        var values: [String: Any] = [
            "is_new": id == nil,
            "action": id.map { Path.profile.link(id: $0) } ?? Path.profiles.link(),
            "title": id == nil ? text("profile_new_title") : text("profile_edit_title"),
            "f": fields,
            "has_errors": !errors.isEmpty,
            "is_default": draft.isDefault,
            "was_default": stored?.isDefault ?? false,
            "security_options": SecurityMode.allCases.map { mode in
                [
                    "value": mode.rawValue, "label": securityLabel(mode), "port": String(mode.suggestedPort),
                    "selected": draft.security == mode.rawValue,
                ] as [String: Any]
            },
            "presets": ProviderPreset.all.map { preset in
                [
                    "id": preset.id, "title": preset.title, "host": preset.host, "port": String(preset.port),
                    "security": preset.security.rawValue, "selected": preset.id == matched?.id,
                    "note": preset.passwordNote?(language) ?? text("preset_no_app_password"),
                ] as [String: Any]
            },
        ]
        if let note = matched?.passwordNote { values["preset_note"] = note(language) }
        if let stored {
            let usage = try UsageStore(db).lastDay(now: now)[stored.id] ?? ProfileUsage()
            values["usage"] = text("usage_today")
                .replacingOccurrences(of: "{sent}", with: String(usage.total))
                .replacingOccurrences(of: "{max}", with: String(stored.limits.maxPerDay))
                .replacingOccurrences(of: "{priority}", with: String(usage.priority))
                .replacingOccurrences(of: "{priority_max}", with: String(stored.limits.priorityPerDay))
        }
        return try page("profile_form", status: status, values)
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

    var isNumeric: Bool {
        switch self {
        case .port, .maxPerDay, .intervalMinutes, .batchSize, .priorityPerDay: true
        default: false
        }
    }
}
