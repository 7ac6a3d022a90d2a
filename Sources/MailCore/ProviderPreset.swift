/// Known mail hosts: choosing one fills server, port and SSL and says whether the host
/// wants an app password instead of the mailbox password.
public struct ProviderPreset: Sendable, Equatable, Identifiable {
    public let id: String
    public let title: String
    public let host: String
    public let security: SecurityMode
    public let port: Int
    /// Another working combination, if the host offers one (Gmail: 587 STARTTLS).
    public let alternative: (security: SecurityMode, port: Int)?
    /// What the admin must know about the password, or nil when the mailbox password works.
    public let passwordNote: LocalizedText?

    public static func == (lhs: ProviderPreset, rhs: ProviderPreset) -> Bool { lhs.id == rhs.id }

    public static let all: [ProviderPreset] = [
        ProviderPreset(
            id: "mailru",
            title: "Mail.ru",
            host: "smtp.mail.ru",
            security: .ssl,
            port: 465,
            alternative: nil,
            passwordNote: LocalizedText(
                ru: "Нужен пароль для внешних приложений: Mail.ru → Безопасность → Пароли для внешних приложений.",
                en: "Needs an app password: Mail.ru → Security → App passwords."
            )
        ),
        ProviderPreset(
            id: "yandex",
            title: "Яндекс",
            host: "smtp.yandex.ru",
            security: .ssl,
            port: 465,
            alternative: nil,
            passwordNote: LocalizedText(
                ru: "Нужен пароль приложения: Яндекс ID → Безопасность → Пароли приложений (тип «Почта»).",
                en: "Needs an app password: Yandex ID → Security → App passwords (type “Mail”)."
            )
        ),
        ProviderPreset(
            id: "gmail",
            title: "Gmail",
            host: "smtp.gmail.com",
            security: .ssl,
            port: 465,
            alternative: (.starttls, 587),
            passwordNote: LocalizedText(
                ru:
                    "Нужен пароль приложения; он появляется после включения двухэтапной аутентификации в аккаунте Google.",
                en: "Needs an app password, available once 2-step verification is on in the Google account."
            )
        ),
        ProviderPreset(
            id: "regru",
            title: "reg.ru",
            host: "mail.hosting.reg.ru",
            security: .ssl,
            port: 465,
            alternative: nil,
            passwordNote: nil
        ),
        ProviderPreset(
            id: "beget",
            title: "Beget",
            host: "smtp.beget.com",
            security: .ssl,
            port: 465,
            alternative: nil,
            passwordNote: nil
        ),
        ProviderPreset(
            id: "timeweb",
            title: "Timeweb",
            host: "smtp.timeweb.ru",
            security: .ssl,
            port: 465,
            alternative: nil,
            passwordNote: nil
        ),
    ]

    /// Fills server, port and SSL of `draft` from the preset. Every preset encrypts, so the
    /// permission to send the password without encryption is switched off with it.
    public func apply(to draft: inout ProfileDraft) {
        draft.host = host
        draft.port = String(port)
        draft.security = security.rawValue
        draft.allowPlainAuth = false
    }

    /// The preset whose server is `host`, if any.
    public static func matching(host: String) -> ProviderPreset? {
        all.first { $0.host == host.lowercased() }
    }
}
