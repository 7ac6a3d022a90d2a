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
        case ["profiles", "new"]: self = .newProfile
        case ["profiles", "export.xlsx"]: self = .profileExport
        case let parts where parts.count >= 2 && parts[0] == "profiles":
            guard let id = Route.id(parts[1]) else { return nil }
            switch parts.dropFirst(2).first {
            case nil: self = .profile(id)
            case "edit" where parts.count == 3: self = .editProfile(id)
            case "delete" where parts.count == 3: self = .deleteProfile(id)
            case "default" where parts.count == 3: self = .defaultProfile(id)
            case "check" where parts.count == 3: self = .checkProfile(id)
            default: return nil
            }
        case let parts where parts.first == "journal":
            guard let route = Route(journal: parts.dropFirst()) else { return nil }
            self = route
        default: return nil
        }
    }

    /// `/journal…` addresses (`parts` after `journal`).
    private init?(journal parts: ArraySlice<Substring>) {
        switch Array(parts) {
        case []: self = .journal
        case ["export.xlsx"]: self = .journalExport
        case let parts where parts.count == 2 && parts[0] == "retry-failed":
            guard let id = Route.id(parts[1]) else { return nil }
            self = .retryFailed(profileID: id)
        case let parts where parts.count <= 2:
            guard let id = Route.id(parts[0]) else { return nil }
            switch parts.dropFirst().first {
            case nil: self = .journalLetter(id)
            case "retry": self = .retryLetter(id)
            case "cancel": self = .cancelLetter(id)
            default: return nil
            }
        default: return nil
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
        case .login, .profiles, .deleteProfile, .checkProfile: ["GET", "POST"]
        case .journal, .journalExport, .journalLetter: ["GET"]
        case .retryLetter, .cancelLetter, .retryFailed: ["GET", "POST"]
        }
    }

    private static func id(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.count <= 18, text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int64(text)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
