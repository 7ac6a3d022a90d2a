/// A profile's settings after every rule of DESIGN.md §2 has passed.
public struct ProfileSettings: Sendable, Equatable {
    public var name: String
    public var host: String
    public var port: Int
    public var security: SecurityMode
    public var senderName: String
    public var senderEmail: EmailAddress
    public var login: String
    /// The password to store; nil keeps the stored one (an empty field on edit), unless the
    /// connection changed (see `dropsStoredPassword(of:)`).
    public var newPassword: String?
    /// «Разрешить пароль без шифрования».
    public var allowPlainAuth: Bool
    /// The mail host may be on a loopback, link-local or private network.
    public var allowPrivateHost: Bool
    public var isDefault: Bool
    public var limits: ProfileLimits
    /// «Резервный профиль»: nil for «нет». Whether it may be chosen (not itself, no loop) is
    /// checked against the stored profiles when saving (`ReserveRoute.problem`).
    public var reserveID: Int64?

    public init(
        name: String,
        host: String,
        port: Int,
        security: SecurityMode,
        senderName: String,
        senderEmail: EmailAddress,
        login: String,
        newPassword: String?,
        allowPlainAuth: Bool = false,
        allowPrivateHost: Bool = false,
        isDefault: Bool,
        limits: ProfileLimits,
        reserveID: Int64? = nil
    ) {
        self.name = name
        self.host = host
        self.port = port
        self.security = security
        self.senderName = senderName
        self.senderEmail = senderEmail
        self.login = login
        self.newPassword = newPassword
        self.allowPlainAuth = allowPlainAuth
        self.allowPrivateHost = allowPrivateHost
        self.isDefault = isDefault
        self.limits = limits
        self.reserveID = reserveID
    }
}

extension ProfileSettings {
    /// True when saving these settings over `profile` must drop its stored password: the host,
    /// port, SSL mode or login changed and no new password was typed in the same save. A stolen
    /// session then cannot send the mailbox password to a server of its choosing, nor in clear
    /// text: the password changes server only when the admin types it again.
    public func dropsStoredPassword(of profile: Profile) -> Bool {
        guard newPassword == nil else { return false }
        return host != profile.host || port != profile.port || security != profile.security || login != profile.login
    }
}
