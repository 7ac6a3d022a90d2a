/// The profile's SMTP server as the domain check sees it: its name or address, the preset it
/// belongs to, and its addresses in DNS.
struct SMTPServerFacts {
    /// The server as the profile names it.
    let host: String
    let preset: ProviderPreset?
    /// The address, when the profile names the server by one (`192.0.2.10`, `[2001:db8::1]`).
    let literal: IPAddress?

    init(host: String) {
        self.host = host
        preset = ProviderPreset.matching(host: host)
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        literal = IPAddress(bare)
    }

    var facts: ProviderPreset.DomainFacts {
        preset?.domainFacts ?? ProviderPreset.DomainFacts(spfInclude: nil, dkimSelector: nil, mailboxDomains: [])
    }

    /// The SPF mechanism that lets this server send: the provider's include, else the
    /// server's name (`a:smtp.shop.ru`), else its address.
    var spfMechanism: String {
        if let include = facts.spfInclude { return "include:\(include)" }
        if let literal { return literal.isIPv4 ? "ip4:\(literal)" : "ip6:\(literal)" }
        return "a:\(host.lowercased())"
    }

    enum Addresses {
        case found([IPAddress])
        case failed(DNSError)
        case pending
    }

    /// The server's IPv4 and IPv6 addresses.
    func addresses(_ lookups: inout DNSLookups) -> Addresses {
        if let literal { return .found([literal]) }
        guard let name = DNSName(host) else { return .failed(.noSuchName) }
        var found: [IPAddress] = []
        var failure: DNSError?
        var pending = false
        for type in [DNSRecordType.a, .aaaa] {
            switch lookups.answer(DNSQuestion(name, type)) {
            case .records(let records):
                found += records.compactMap { record in
                    if case .address(let address) = record { address } else { nil }
                }
            case .absent: continue
            case .failed(let error): failure = failure ?? error
            case .pending: pending = true
            }
        }
        if pending { return .pending }
        if !found.isEmpty { return .found(found) }
        return .failed(failure ?? .noSuchName)
    }
}
