extension ProfileCondition {
    /// The state as one stable word for scripts and monitoring (`mailrobot-send status --json`,
    /// `GET /metrics`): `unchecked`, `working`, `paused`, `login_failed` or `failed`.
    public var word: String {
        switch self {
        case .unchecked: "unchecked"
        case .working: "working"
        case .paused: "paused"
        case .loginFailed: "login_failed"
        case .failed: "failed"
        }
    }

    /// Every word `word` may be, in a fixed order.
    public static let words = ["unchecked", "working", "paused", "login_failed", "failed"]
}
