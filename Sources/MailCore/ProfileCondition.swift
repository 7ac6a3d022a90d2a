public import struct Foundation.Date

/// A profile's state in words (DESIGN.md §6), for the panel's list and `mailrobot-send status`:
/// «Не проверен», «Работает», «Пауза до …», «Ошибка входа», «Ошибка: …».
public enum ProfileCondition: Sendable, Equatable {
    /// No check or send has gone through yet.
    case unchecked
    /// The last check or send went through.
    case working
    /// The mail host reported a limit or an anti-spam block: no sending until `until`.
    case paused(until: Date, reply: String)
    /// The mail host refused the login: no sending until the profile is edited or checked.
    case loginFailed(since: Date, reply: String)
    /// The last check or send failed for the profile's own reasons, after its last success.
    case failed(OutcomeText, at: Date)

    /// The condition of `profile` at `now`: a refused login first, then a pause still running,
    /// then a failure newer than the last success, then whether anything ever went.
    public init(of profile: Profile, now: Date) {
        switch profile.state.effective(at: now) {
        case .broken(let reply, let since):
            self = .loginFailed(since: since, reply: reply)
        case .paused(let until, let reply):
            self = .paused(until: until, reply: reply)
        case .ok:
            let health = profile.health
            if let failedAt = health.lastFailureAt, health.lastSuccessAt.map({ failedAt > $0 }) ?? true {
                self = .failed(OutcomeText(recorded: health.lastFailure), at: failedAt)
            } else {
                self = health.lastSuccessAt == nil ? .unchecked : .working
            }
        }
    }

    /// The state in `language`; `time` writes a moment in the shop's time zone.
    public func text(_ language: Language, time: (Date) -> String) -> String {
        switch self {
        case .unchecked:
            LocalizedText(ru: "Не проверен", en: "Not checked")(language)
        case .working:
            LocalizedText(ru: "Работает", en: "Working")(language)
        case .paused(let until, _):
            LocalizedText(ru: "Пауза до \(time(until))", en: "Paused until \(time(until))")(language)
        case .loginFailed:
            LocalizedText(ru: "Ошибка входа", en: "Login failed")(language)
        case .failed(let cause, let at):
            LocalizedText(ru: "Ошибка", en: "Error")(language) + ": \(cause.text(language)), \(time(at))"
        }
    }

    /// The server's words behind a pause or a refused login (empty for the other states).
    public var reply: String {
        switch self {
        case .paused(_, let reply), .loginFailed(_, let reply): reply
        case .unchecked, .working, .failed: ""
        }
    }
}
