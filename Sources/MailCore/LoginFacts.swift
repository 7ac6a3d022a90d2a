/// What an SMTP dialogue shows about the login: whether the server offered one (`AUTH` in its
/// answer to `EHLO`) and whether the password went, or would go, without encryption.
///
/// libcurl skips the login silently when the server offers no `AUTH`: the letter then goes (or is
/// refused) as from an anonymous client, and the admin should know.
public struct LoginFacts: Sendable, Equatable {
    /// Whether the last `EHLO` answer offered `AUTH`; nil when the dialogue stopped before one.
    public let offeredAuth: Bool?
    /// A login is set in the profile.
    public let hasLogin: Bool
    /// The connection is encrypted from the start or by an enforced STARTTLS.
    public let encrypted: Bool

    public init(offeredAuth: Bool?, hasLogin: Bool, encrypted: Bool) {
        self.offeredAuth = offeredAuth
        self.hasLogin = hasLogin
        self.encrypted = encrypted
    }

    /// The facts of `dialogue`, held by a profile with `security` and `login`.
    public init(dialogue: Transcript, security: SecurityMode, login: String) {
        var offered: Bool?
        for line in dialogue.lines {
            switch line.direction {
            case .client where Self.isGreeting(line.text):
                offered = nil
            case .server where line.text.hasPrefix("250"):
                let keyword = line.text.dropFirst(4).prefix { $0 != " " && $0 != "=" }.uppercased()
                if keyword == "AUTH" {
                    offered = true
                } else if offered == nil {
                    offered = false
                }
            default:
                continue
            }
        }
        self.init(offeredAuth: offered, hasLogin: !login.isEmpty, encrypted: security != .none)
    }

    private static func isGreeting(_ line: String) -> Bool {
        let verb = line.prefix { $0 != " " }.uppercased()
        return verb == "EHLO" || verb == "HELO"
    }

    /// The server offered no login although the profile has one: the login and password were
    /// never sent.
    public var loginSkipped: Bool { hasLogin && offeredAuth == false }

    /// The password went, or would go, over a connection without encryption.
    public var passwordUnencrypted: Bool { hasLogin && !encrypted && offeredAuth != false }

    /// What the check page says about the login, for a letter that went as well as for one that
    /// did not.
    public var warnings: [LocalizedText] {
        var warnings: [LocalizedText] = []
        if loginSkipped { warnings.append(Self.loginSkippedText(encrypted: encrypted)) }
        if passwordUnencrypted { warnings.append(Self.unencryptedText) }
        return warnings
    }

    static func loginSkippedText(encrypted: Bool) -> LocalizedText {
        let base = LocalizedText(
            ru:
                "Сервер не предложил вход по паролю (в ответе на EHLO нет AUTH), поэтому логин и пароль не отправлялись.",
            en:
                "The server offered no password login (no AUTH in its EHLO answer), so the login and password were not sent."
        )
        let advice =
            encrypted
            ? LocalizedText(
                ru: "Уточните у почтового сервиса сервер и порт для отправки с входом (обычно 465 или 587).",
                en: "Ask the mail service for the server and port for sending with a login (usually 465 or 587)."
            )
            : LocalizedText(
                ru:
                    "Многие серверы предлагают вход только после шифрования: выберите SSL/TLS (порт 465) или STARTTLS (порт 587).",
                en:
                    "Many servers offer a login only once the connection is encrypted: choose SSL/TLS (port 465) or STARTTLS (port 587)."
            )
        return LocalizedText(ru: base.ru + " " + advice.ru, en: base.en + " " + advice.en)
    }

    static let unencryptedText = LocalizedText(
        ru:
            "Выбран режим SSL «Нет»: пароль уходит на сервер без шифрования, и его может прочитать любой на пути. Выберите SSL/TLS (порт 465) или STARTTLS (порт 587).",
        en:
            "SSL is set to “None”: the password goes to the server unencrypted, readable by anyone on the way. Choose SSL/TLS (port 465) or STARTTLS (port 587)."
    )
}
