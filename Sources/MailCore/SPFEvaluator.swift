/// SPF's `check_host()` (RFC 7208 §4–5) over the answers at hand, for the question the domain
/// check asks: would a receiver let this server's address send for the domain?
///
/// `exists:`, `ptr` and names with macros are not evaluated: meeting one before a match makes the
/// verdict `undetermined`. A question not yet answered makes it `pending` (the service asks and
/// evaluates again).
struct SPFEvaluator {
    /// The result of an evaluation (§2.6), plus the states of an evaluation still under way.
    enum Verdict: Equatable {
        case pass
        case fail
        case softFail
        case neutral
        /// The domain publishes no SPF record.
        case none
        case permError(SPFPermError)
        case tempError(DNSError)
        /// A term this check does not evaluate came before any match.
        case undetermined(term: String)
        case pending
    }

    /// Receivers stop after this many DNS-querying terms (§4.6.4).
    static let lookupLimit = 10
    /// Addresses looked up per `mx` mechanism at most (§4.6.4).
    static let exchangeLimit = 10

    var lookups: DNSLookups
    private var spent = 0

    init(_ lookups: DNSLookups) {
        self.lookups = lookups
    }

    /// Evaluates `domain`'s policy for a sender at `address`.
    mutating func checkHost(_ address: IPAddress, domain: DNSName) -> Verdict {
        spent = 0
        return evaluate(address, domain: domain)
    }

    private mutating func evaluate(_ address: IPAddress, domain: DNSName) -> Verdict {
        let record: SPFRecord
        switch SPFRecordLookup.find(at: domain, in: &lookups) {
        case .found(let found): record = found
        case .none: return .none
        case .invalid(let error): return .permError(error)
        case .failed(let error): return .tempError(error)
        case .pending: return .pending
        }
        for directive in record.directives {
            if directive.mechanism.looksUp {
                spent += 1
                if spent > Self.lookupLimit { return .permError(.tooManyLookups) }
            }
            switch matches(directive, address: address, domain: domain) {
            case .yes: return Self.verdict(directive.qualifier)
            case .no: continue
            case .stop(let verdict): return verdict
            }
        }
        guard let redirect = record.redirect else { return .neutral }
        spent += 1
        if spent > Self.lookupLimit { return .permError(.tooManyLookups) }
        guard case .name(let target) = redirect else { return .undetermined(term: "redirect=") }
        let verdict = evaluate(address, domain: target)
        return verdict == .none ? .permError(.noRecordAt(target)) : verdict
    }

    private enum Match {
        case yes
        case no
        case stop(Verdict)
    }

    private mutating func matches(_ directive: SPFRecord.Directive, address: IPAddress, domain: DNSName) -> Match {
        switch directive.mechanism {
        case .all:
            return .yes
        case .ip4(let network, let prefix), .ip6(let network, let prefix):
            return network.network(prefixLength: prefix, contains: address) ? .yes : .no
        case .a(let spec, let prefix4, let prefix6):
            guard let target = Self.target(spec, domain) else { return .stop(.undetermined(term: directive.term)) }
            let prefix = address.isIPv4 ? prefix4 : prefix6
            return addresses(of: target, type: address.isIPv4 ? .a : .aaaa).map { found in
                found.contains { $0.network(prefixLength: prefix, contains: address) } ? .yes : .no
            }
        case .mx(let spec, let prefix4, let prefix6):
            guard let target = Self.target(spec, domain) else { return .stop(.undetermined(term: directive.term)) }
            return exchanges(of: target, covering: address, prefix: address.isIPv4 ? prefix4 : prefix6)
        case .include(let spec):
            guard case .name(let target) = spec else { return .stop(.undetermined(term: directive.term)) }
            switch evaluate(address, domain: target) {
            case .pass: return .yes
            case .fail, .softFail, .neutral: return .no
            case .none: return .stop(.permError(.noRecordAt(target)))
            case let other: return .stop(other)
            }
        case .exists(let spec):
            guard case .name(let target) = spec else { return .stop(.undetermined(term: directive.term)) }
            return addresses(of: target, type: .a).map { $0.isEmpty ? .no : .yes }
        case .ptr:
            return .stop(.undetermined(term: directive.term))
        }
    }

    /// The A or AAAA addresses of `name`; a failure or a pending question stops the evaluation.
    private mutating func addresses(of name: DNSName, type: DNSRecordType) -> AddressLookup {
        switch lookups.answer(DNSQuestion(name, type)) {
        case .records(let records):
            return .found(
                records.compactMap { record in
                    if case .address(let found) = record { found } else { nil }
                }
            )
        case .absent: return .found([])
        case .failed(let error): return .stopped(.tempError(error))
        case .pending: return .stopped(.pending)
        }
    }

    private mutating func exchanges(of name: DNSName, covering address: IPAddress, prefix: Int) -> Match {
        let hosts: [DNSName]
        switch lookups.answer(DNSQuestion(name, .mx)) {
        case .records(let records):
            hosts = records.compactMap { record in
                if case .mailExchange(_, let host?) = record { host } else { nil }
            }
        case .absent: return .no
        case .failed(let error): return .stop(.tempError(error))
        case .pending: return .stop(.pending)
        }
        guard hosts.count <= Self.exchangeLimit else { return .stop(.permError(.tooManyLookups)) }
        for host in hosts {
            switch addresses(of: host, type: address.isIPv4 ? .a : .aaaa) {
            case .found(let found) where found.contains(where: { $0.network(prefixLength: prefix, contains: address) }):
                return .yes
            case .found: continue
            case .stopped(let verdict): return .stop(verdict)
            }
        }
        return .no
    }

    private enum AddressLookup {
        case found([IPAddress])
        case stopped(Verdict)

        func map(_ decide: ([IPAddress]) -> Match) -> Match {
            switch self {
            case .found(let addresses): decide(addresses)
            case .stopped(let verdict): .stop(verdict)
            }
        }
    }

    private static func target(_ spec: SPFRecord.DomainSpec?, _ domain: DNSName) -> DNSName? {
        switch spec {
        case nil: domain
        case .name(let name): name
        case .macro: nil
        }
    }

    private static func verdict(_ qualifier: SPFRecord.Qualifier) -> Verdict {
        switch qualifier {
        case .pass: .pass
        case .fail: .fail
        case .softFail: .softFail
        case .neutral: .neutral
        }
    }
}

/// Why a receiver would reject the SPF policy outright (a permerror, §2.6.7).
enum SPFPermError: Equatable {
    /// More than one `v=spf1` record at a name.
    case multipleRecords(at: DNSName)
    /// A record with an invalid term.
    case syntax(SPFSyntaxError, at: DNSName)
    /// `include:` or `redirect=` names a domain without an SPF record.
    case noRecordAt(DNSName)
    /// More than 10 DNS-querying terms in the whole evaluation.
    case tooManyLookups
}

/// The one SPF record at a name, as RFC 7208 §4.5 selects it.
enum SPFRecordLookup {
    case found(SPFRecord)
    case none
    case invalid(SPFPermError)
    case failed(DNSError)
    case pending

    static func find(at name: DNSName, in lookups: inout DNSLookups) -> SPFRecordLookup {
        let answer = lookups.texts(at: name)
        switch answer {
        case .pending: return .pending
        case .failed(let error): return .failed(error)
        case .absent, .records: break
        }
        let records = answer.texts.filter(SPFRecord.isSPF)
        guard let text = records.first else { return .none }
        guard records.count == 1 else { return .invalid(.multipleRecords(at: name)) }
        do {
            return .found(try SPFRecord(parsing: text))
        } catch {
            return .invalid(.syntax(error, at: name))
        }
    }
}
