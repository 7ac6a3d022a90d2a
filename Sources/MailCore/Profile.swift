public import struct Foundation.Date

/// A stored sending mailbox. The password is not here: it stays sealed in storage and is
/// opened only by the code that logs in to the mail host.
public struct Profile: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var name: String
    public var host: String
    public var port: Int
    public var security: SecurityMode
    public var senderName: String
    public var senderEmail: EmailAddress
    public var login: String
    /// «Разрешить пароль без шифрования»: with SSL «Нет», the login may go in clear text.
    public var allowPlainAuth: Bool
    /// The mail host may be on a loopback, link-local or private network (a relay of the shop's
    /// own); otherwise the transport refuses to connect there.
    public var allowPrivateHost: Bool
    public var isDefault: Bool
    public var limits: ProfileLimits
    /// «Резервный профиль»: the profile its letters go through while it cannot send
    /// (`ReserveRoute`); nil: none.
    public var reserveID: Int64?
    public var state: ProfileState
    /// What checks and sends have shown: the last success and the last failure.
    public var health: ProfileHealth
    public var updatedAt: Date

    public init(
        id: Int64,
        name: String,
        host: String,
        port: Int,
        security: SecurityMode,
        senderName: String,
        senderEmail: EmailAddress,
        login: String,
        allowPlainAuth: Bool = false,
        allowPrivateHost: Bool = false,
        isDefault: Bool,
        limits: ProfileLimits,
        reserveID: Int64? = nil,
        state: ProfileState = .ok,
        health: ProfileHealth = ProfileHealth(),
        updatedAt: Date
    ) {
        self.id = id
        self.name = name
        self.host = host
        self.port = port
        self.security = security
        self.senderName = senderName
        self.senderEmail = senderEmail
        self.login = login
        self.allowPlainAuth = allowPlainAuth
        self.allowPrivateHost = allowPrivateHost
        self.isDefault = isDefault
        self.limits = limits
        self.reserveID = reserveID
        self.state = state
        self.health = health
        self.updatedAt = updatedAt
    }
}

/// Whether runs may use a profile.
public enum ProfileState: Sendable, Equatable {
    /// Usable.
    case ok
    /// The mail host refused the login; runs skip the profile until it is edited or passes
    /// «Проверка профиля». `reply` is the server's words.
    case broken(reply: String, since: Date)
    /// The mail host said a limit or an anti-spam block was hit; runs skip the profile until then.
    case paused(until: Date, reply: String)

    /// The state as seen at `now`: a pause that has ended is `.ok` again.
    public func effective(at now: Date) -> ProfileState {
        if case .paused(let until, _) = self, until <= now { return .ok }
        return self
    }
}
