extension ProviderPreset {
    /// What a mail host documents for the DNS of a customer's domain, for «Проверка домена».
    public struct DomainFacts: Sendable, Equatable {
        /// The name a customer's SPF record includes to let the host's servers send
        /// (`include:_spf.mail.ru`), when the host documents one.
        public let spfInclude: DNSName?
        /// The DKIM selector the host signs a customer's domain with, when it is fixed.
        public let dkimSelector: String?
        /// The host's own public mail domains (`mail.ru`, `gmail.com`): their DNS is the host's
        /// business, not the shop's.
        public let mailboxDomains: Set<String>
    }

    /// The host's name in a sentence (the title, with Yandex spelled in English for English text).
    var name: LocalizedText {
        LocalizedText(ru: title, en: id == "yandex" ? "Yandex" : title)
    }

    /// The facts for this preset. Sources: Yandex 360 help (`v=spf1 redirect=_spf.yandex.net`),
    /// Timeweb's docs (`v=spf1 include:_spf.timeweb.ru ~all`), records in use at Mail.ru for
    /// business customers (`include:_spf.mail.ru`), Google Workspace help (`_spf.google.com`,
    /// selector `google`). reg.ru's and Beget's SPF names and the selectors of reg.ru, Beget and
    /// Timeweb were not confirmed, so they are left out: the check then looks at the server's
    /// addresses, and asks for the selector.
    public var domainFacts: DomainFacts {
        switch id {
        case "mailru":
            DomainFacts(
                spfInclude: DNSName("_spf.mail.ru"),
                dkimSelector: "mailru",
                mailboxDomains: ["mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru"]
            )
        case "yandex":
            DomainFacts(
                spfInclude: DNSName("_spf.yandex.net"),
                dkimSelector: "mail",
                mailboxDomains: ["yandex.ru", "ya.ru", "yandex.com", "yandex.by", "yandex.kz", "narod.ru"]
            )
        case "gmail":
            DomainFacts(
                spfInclude: DNSName("_spf.google.com"),
                dkimSelector: "google",
                mailboxDomains: ["gmail.com", "googlemail.com"]
            )
        case "timeweb":
            DomainFacts(spfInclude: DNSName("_spf.timeweb.ru"), dkimSelector: nil, mailboxDomains: [])
        default:
            DomainFacts(spfInclude: nil, dkimSelector: nil, mailboxDomains: [])
        }
    }
}
