public import MailCore
public import Secrets

extension PasswordBinding {
    /// What a profile's password is bound to: its id, host, port and login as stored.
    public init(_ profile: Profile) {
        self.init(profileID: profile.id, host: profile.host, port: profile.port, login: profile.login)
    }
}

extension PasswordSealer {
    /// The sealed form of `password` for `profile` (see `PasswordBinding.init(_:)`).
    public func seal(_ password: String, for profile: Profile) throws -> [UInt8] {
        try seal(password, for: PasswordBinding(profile))
    }
}
