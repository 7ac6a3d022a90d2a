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
    /// What the admin must know about the server name or the login, when the host's own
    /// instructions differ from box to box (1Gb.ru).
    public let serverNote: LocalizedText?

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
            ),
            serverNote: nil
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
            ),
            serverNote: nil
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
            ),
            serverNote: nil
        ),
        ProviderPreset(
            id: "regru",
            title: "reg.ru",
            host: "mail.hosting.reg.ru",
            security: .ssl,
            port: 465,
            alternative: nil,
            passwordNote: nil,
            serverNote: nil
        ),
        ProviderPreset(
            id: "beget",
            title: "Beget",
            host: "smtp.beget.com",
            security: .ssl,
            port: 465,
            alternative: nil,
            passwordNote: nil,
            serverNote: nil
        ),
        ProviderPreset(
            id: "timeweb",
            title: "Timeweb",
            host: "smtp.timeweb.ru",
            security: .ssl,
            port: 465,
            alternative: nil,
            passwordNote: nil,
            serverNote: nil
        ),
        // 1Gb.ru: SMTPs on 465 (plain SMTP on 25) as its mailbox settings list them; each mailbox
        // gets a numbered server there (smtp-18.1gb.ru), shown with the login (u123456).
        ProviderPreset(
            id: "1gb",
            title: "1Gb.ru",
            host: "smtp.1gb.ru",
            security: .ssl,
            port: 465,
            alternative: nil,
            passwordNote: nil,
            serverNote: LocalizedText(
                ru:
                    "1Gb.ru даёт каждому ящику свой сервер (например, smtp-18.1gb.ru) и логин вида u123456: возьмите их из настроек ящика в панели 1Gb.ru.",
                en:
                    "1Gb.ru gives each mailbox its own server (such as smtp-18.1gb.ru) and a login like u123456: take both from the mailbox's settings in the 1Gb.ru panel."
            )
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
