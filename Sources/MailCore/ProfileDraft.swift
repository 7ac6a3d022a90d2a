/// The profile form exactly as the admin typed it, before any rule was applied.
public struct ProfileDraft: Sendable, Equatable {
    public var name = ""
    public var host = ""
    public var port = ""
    public var security = SecurityMode.ssl.rawValue
    public var senderName = ""
    public var senderEmail = ""
    public var login = ""
    public var password = ""
    public var allowPlainAuth = false
    public var allowPrivateHost = false
    public var isDefault = false
    public var maxPerDay = String(ProfileLimits.defaults.maxPerDay)
    public var intervalMinutes = String(ProfileLimits.defaults.intervalMinutes)
    public var batchSize = String(ProfileLimits.defaults.batchSize)
    public var priorityPerDay = String(ProfileLimits.defaults.priorityPerDay)
    /// «Резервный профиль» as the select posts it: a profile's id, or empty for «нет».
    public var reserve = ""

    public init() {}

    /// The form of an existing profile; the password stays empty (it is never sent back).
    public init(_ profile: Profile) {
        name = profile.name
        host = profile.host
        port = String(profile.port)
        security = profile.security.rawValue
        senderName = profile.senderName
        senderEmail = profile.senderEmail.address
        login = profile.login
        allowPlainAuth = profile.allowPlainAuth
        allowPrivateHost = profile.allowPrivateHost
        isDefault = profile.isDefault
        maxPerDay = String(profile.limits.maxPerDay)
        intervalMinutes = String(profile.limits.intervalMinutes)
        batchSize = String(profile.limits.batchSize)
        priorityPerDay = String(profile.limits.priorityPerDay)
        reserve = profile.reserveID.map(String.init) ?? ""
    }

    /// The value of `field` as typed; a checkbox reads "1" when ticked and "" when not, and only
    /// "1" ticks it (as a form posts it).
    public subscript(field: ProfileField) -> String {
        get {
            switch field {
            case .name: name
            case .host: host
            case .port: port
            case .security: security
            case .senderName: senderName
            case .senderEmail: senderEmail
            case .login: login
            case .password: password
            case .allowPlainAuth: allowPlainAuth ? "1" : ""
            case .allowPrivateHost: allowPrivateHost ? "1" : ""
            case .maxPerDay: maxPerDay
            case .intervalMinutes: intervalMinutes
            case .batchSize: batchSize
            case .priorityPerDay: priorityPerDay
            case .reserve: reserve
            }
        }
        set {
            switch field {
            case .name: name = newValue
            case .host: host = newValue
            case .port: port = newValue
            case .security: security = newValue
            case .senderName: senderName = newValue
            case .senderEmail: senderEmail = newValue
            case .login: login = newValue
            case .password: password = newValue
            case .allowPlainAuth: allowPlainAuth = newValue == "1"
            case .allowPrivateHost: allowPrivateHost = newValue == "1"
            case .maxPerDay: maxPerDay = newValue
            case .intervalMinutes: intervalMinutes = newValue
            case .batchSize: batchSize = newValue
            case .priorityPerDay: priorityPerDay = newValue
            case .reserve: reserve = newValue
            }
        }
    }
}
