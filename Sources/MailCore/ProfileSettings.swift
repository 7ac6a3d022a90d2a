/// A profile's settings after every rule of DESIGN.md §2 has passed.
public struct ProfileSettings: Sendable, Equatable {
    public var name: String
    public var host: String
    public var port: Int
    public var security: SecurityMode
    public var senderName: String
    public var senderEmail: EmailAddress
    public var login: String
    /// The password to store; nil keeps the stored one (an empty field on edit).
    public var newPassword: String?
    public var isDefault: Bool
    public var limits: ProfileLimits

    public init(
        name: String,
        host: String,
        port: Int,
        security: SecurityMode,
        senderName: String,
        senderEmail: EmailAddress,
        login: String,
        newPassword: String?,
        isDefault: Bool,
        limits: ProfileLimits
    ) {
        self.name = name
        self.host = host
        self.port = port
        self.security = security
        self.senderName = senderName
        self.senderEmail = senderEmail
        self.login = login
        self.newPassword = newPassword
        self.isDefault = isDefault
        self.limits = limits
    }
}
