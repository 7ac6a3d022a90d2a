/// A profile's health as the admins are told of it (issue 13, «Кому сообщать о сбоях»): the
/// state an alert announces, and the state last announced, stored per profile.
public enum AlertState: String, Sendable, CaseIterable {
    /// Nothing to tell: the profile may send and its queue empties in time.
    case ok
    /// The mail host refused the login («Ошибка входа»).
    case broken
    /// The mail host reported a limit or an anti-spam block («Пауза до …»).
    case paused
    /// The queue will not be empty within the hours of the alert settings at the current limits.
    case slow

    /// The state in words, for the alert letter, the webhook and the banner.
    public var words: LocalizedText {
        switch self {
        case .ok: LocalizedText(ru: "работает", en: "working")
        case .broken: LocalizedText(ru: "ошибка входа", en: "login failed")
        case .paused: LocalizedText(ru: "пауза", en: "paused")
        case .slow: LocalizedText(ru: "очередь не успевает", en: "queue falling behind")
        }
    }
}

/// A change of a profile's alert state that the admins are to be told of, once.
public struct AlertChange: Sendable, Equatable {
    public let profileID: Int64
    /// The state last announced.
    public let from: AlertState
    /// The state now.
    public let to: AlertState

    public init(profileID: Int64, from: AlertState, to: AlertState) {
        self.profileID = profileID
        self.from = from
        self.to = to
    }

    /// The profile is well again after a failure that was announced.
    public var isRecovery: Bool { to == .ok }

    /// The name of the change in the webhook's JSON: `profile_broken`, `profile_paused`,
    /// `queue_slow` or `profile_recovered`.
    public var event: String {
        switch to {
        case .ok: "profile_recovered"
        case .broken: "profile_broken"
        case .paused: "profile_paused"
        case .slow: "queue_slow"
        }
    }
}
