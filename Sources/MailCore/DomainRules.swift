/// «Проверка домена» as pure rules: which DNS questions to ask for a profile's sender domain,
/// and, from the answers, the findings about SPF, DKIM and DMARC.
///
/// The service that owns the resolver asks `questions(after:)` until it is empty (or its time is
/// up), records each answer in the snapshot, and then calls `findings(_:)`, which counts any
/// question still unanswered as failed.
public struct DomainRules: Sendable {
    /// The domain of the sender address, whose DNS is checked.
    public let senderDomain: DomainName
    /// The profile's SMTP server as it names it.
    public let smtpHost: String
    /// The DKIM selector the admin typed, overriding the provider's usual one.
    public let dkimSelector: DNSName?

    public init(senderDomain: DomainName, smtpHost: String, dkimSelector: DNSName? = nil) {
        self.senderDomain = senderDomain
        self.smtpHost = smtpHost
        self.dkimSelector = dkimSelector
    }

    /// The questions to ask next; empty once the findings need no further answer.
    public func questions(after snapshot: DNSSnapshot) -> Set<DNSQuestion> {
        var lookups = DNSLookups(snapshot, isFinal: false)
        _ = run(&lookups)
        return lookups.needed
    }

    /// The findings, in the order SPF, SPF and the server, DKIM, DMARC.
    public func findings(_ snapshot: DNSSnapshot) -> [DomainFinding] {
        var lookups = DNSLookups(snapshot, isFinal: true)
        return run(&lookups)
    }

    private func run(_ lookups: inout DNSLookups) -> [DomainFinding] {
        let domain = DNSName(senderDomain)
        if let owner = ProviderPreset.all.first(where: { $0.domainFacts.mailboxDomains.contains(domain.text) }) {
            return [DomainFinding(.mailboxDomain, .ok, Self.mailboxDomain(domain, owner: owner))]
        }
        let server = SMTPServerFacts(host: smtpHost)
        let spf = SPFFindings.evaluate(domain: domain, server: server, lookups: &lookups)
        let (dkim, signs) = DKIMFindings.evaluate(
            domain: domain,
            selector: dkimSelector,
            server: server,
            lookups: &lookups
        )
        let dmarc = DMARCFindings.evaluate(
            domain: domain,
            spfCovers: spf.coversServer,
            dkimSigns: signs,
            lookups: &lookups
        )
        return [spf.record] + (spf.server.map { [$0] } ?? []) + [dkim, dmarc]
    }

    private static func mailboxDomain(_ domain: DNSName, owner: ProviderPreset) -> LocalizedText {
        LocalizedText(
            ru:
                "Адрес отправителя на домене \(domain), его SPF, DKIM и DMARC настраивает сам \(owner.name.ru): добавлять ничего не нужно. Письмам магазина больше доверяют с адреса на собственном домене (например, shop@ваш-домен.ru).",
            en:
                "The sender address is on \(domain), whose SPF, DKIM and DMARC \(owner.name.en) runs itself: there is nothing to add. Receivers trust a shop's letters more from an address on its own domain (such as shop@your-domain.com)."
        )
    }
}
