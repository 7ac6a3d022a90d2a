/// Failures of the sender itself (not of a letter), each one line for the operator.
public enum SenderError: Error, Sendable, Equatable, CustomStringConvertible {
    case lockFile(path: String, reason: String)
    case passwordUnreadable(profile: String)
    case spawn(path: String, reason: String)
    /// The password was dropped when the profile's server, port, SSL mode or login changed.
    case passwordMissing(profile: String)

    public var description: String {
        switch self {
        case .lockFile(let path, let reason):
            "cannot use lock file \(path): \(reason)"
        case .spawn(let path, let reason):
            "cannot start \(path): \(reason)"
        case .passwordUnreadable(let profile):
            "the stored password of profile \(profile) cannot be opened with this secret key (was secret.key replaced?)"
        case .passwordMissing(let profile):
            "profile \(profile) has no password: its server changed; enter the password in the profile form"
        }
    }
}
