import MailCore

/// The panel's addresses.
enum Route: Equatable {
    case home
    case login
    case logout
    case language
    case profiles
    case newProfile
    case profileExport
    case editProfile(Int64)
    case profile(Int64)
    case deleteProfile(Int64)
    case defaultProfile(Int64)
    case checkProfile(Int64)
    case apiMessages
    case settings
    // Events and API tokens.
    case events
    case newEvent
    case eventExport
    case event(String)
    case eventPreview(String)
    case tokens
    case tokenExport
    case revokeToken(Int64)
    // «Журнал»: the outbox, its export, one letter, and the actions (GET asks, POST acts).
    case journal
    case journalExport
    case journalLetter(Int64)
    case retryLetter(Int64)
    case cancelLetter(Int64)
    case retryFailed(profileID: Int64)

    init?(path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        switch Array(parts) {
        case [""]: self = .home
        case ["login"]: self = .login
        case ["logout"]: self = .logout
        case ["lang"]: self = .language
        case ["profiles"]: self = .profiles
        case ["api", "v1", "messages"]: self = .apiMessages
        case ["settings"]: self = .settings
        case ["profiles", "new"]: self = .newProfile
        case ["profiles", "export.xlsx"]: self = .profileExport
        case let parts where parts.count >= 2 && parts[0] == "profiles":
            guard let id = RecordID.parse(parts[1]) else { return nil }
            switch parts.dropFirst(2).first {
            case nil: self = .profile(id)
            case "edit" where parts.count == 3: self = .editProfile(id)
            case "delete" where parts.count == 3: self = .deleteProfile(id)
            case "default" where parts.count == 3: self = .defaultProfile(id)
            case "check" where parts.count == 3: self = .checkProfile(id)
            default: return nil
            }
        case let parts where parts.first == "events" || parts.first == "tokens":
            guard let route = Route.eventOrToken(parts) else { return nil }
            self = route
        case let parts where parts.first == "journal":
            guard let route = Route.journal(parts.dropFirst()) else { return nil }
            self = route
        default: return nil
        }
    }

    /// `/journal…` addresses (`parts` after `journal`).
    private static func journal(_ parts: ArraySlice<Substring>) -> Route? {
        switch Array(parts) {
        case []: return .journal
        case ["export.xlsx"]: return .journalExport
        case let parts where parts.count == 2 && parts[0] == "retry-failed":
            return RecordID.parse(parts[1]).map { .retryFailed(profileID: $0) }
        case let parts where parts.count <= 2:
            guard let id = RecordID.parse(parts[0]) else { return nil }
            switch parts.dropFirst().first {
            case nil: return .journalLetter(id)
            case "retry": return .retryLetter(id)
            case "cancel": return .cancelLetter(id)
            default: return nil
            }
        default: return nil
        }
    }

    /// `/events…` and `/tokens…`; an event code in a path is a valid code (`EventCode`).
    private static func eventOrToken(_ parts: [Substring]) -> Route? {
        switch (parts[0], parts.count, parts[parts.count - 1]) {
        case ("events", 1, _): .events
        case ("events", 2, "new"): .newEvent
        case ("events", 2, "export.xlsx"): .eventExport
        case ("events", 2, let code) where EventCode.isValid(code): .event(String(code))
        case ("events", 3, "preview") where EventCode.isValid(parts[1]): .eventPreview(String(parts[1]))
        case ("tokens", 1, _): .tokens
        case ("tokens", 2, "export.xlsx"): .tokenExport
        case ("tokens", 3, "revoke"): RecordID.parse(parts[1]).map(Route.revokeToken)
        default: nil
        }
    }

    /// Pages anyone may open; every other one needs a session.
    var needsSession: Bool {
        switch self {
        case .home, .login, .language, .apiMessages: false
        default: true
        }
    }

    /// The JSON API authenticates with a bearer token, not a cookie: no CSRF token there.
    var isAPI: Bool { self == .apiMessages }

    /// Methods the address answers.
    var methods: [String] {
        switch self {
        case .home, .language, .newProfile, .editProfile, .profileExport: ["GET"]
        case .logout, .profile, .defaultProfile, .apiMessages: ["POST"]
        case .login, .profiles, .deleteProfile, .checkProfile, .settings: ["GET", "POST"]
        case .newEvent, .eventExport, .tokenExport: ["GET"]
        case .eventPreview: ["POST"]
        case .events, .event, .tokens, .revokeToken: ["GET", "POST"]
        case .journal, .journalExport, .journalLetter: ["GET"]
        case .retryLetter, .cancelLetter, .retryFailed: ["GET", "POST"]
        }
    }

}
