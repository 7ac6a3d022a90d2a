/// The SPF findings of «Проверка домена»: the record itself, and whether it lets the profile's
/// SMTP server send for the domain.
struct SPFFindings {
    let record: DomainFinding
    let server: DomainFinding?
    /// Whether receivers will see the server's letters pass SPF: nil when unknown.
    let coversServer: Bool?

    static func evaluate(domain: DNSName, server: SMTPServerFacts, lookups: inout DNSLookups) -> SPFFindings {
        let record: SPFRecord
        switch SPFRecordLookup.find(at: domain, in: &lookups) {
        case .found(let found):
            record = found
        case .pending:
            return SPFFindings(record: DomainTexts.pending(.spf), server: nil, coversServer: nil)
        case .failed(let error):
            return SPFFindings(record: DomainTexts.notChecked(.spf, error), server: nil, coversServer: nil)
        case .none:
            return SPFFindings(record: missing(domain, server), server: nil, coversServer: false)
        case .invalid(let error):
            let published = lookups.texts(at: domain).texts.filter(SPFRecord.isSPF).joined(separator: "\n")
            let finding = DomainFinding(.spf, .problem, SPFTexts.permError(error), record: published)
            return SPFFindings(record: finding, server: nil, coversServer: false)
        }
        let published = lookups.texts(at: domain).texts.first(where: SPFRecord.isSPF) ?? ""
        let walk = SPFTree.walk(record, lookups: &lookups)
        let recordFinding = judge(record, published: published, walk: walk)
        switch walk {
        case .permError: return SPFFindings(record: recordFinding, server: nil, coversServer: false)
        // The provider's include may still turn up: the server's addresses are asked for after.
        case .pending: return SPFFindings(record: recordFinding, server: nil, coversServer: nil)
        case .complete, .failed: break
        }
        if let include = server.facts.spfInclude, walk.includes.contains(include) {
            let finding = DomainFinding(.spfServer, .ok, SPFTexts.providerIncluded(include, server: server))
            return SPFFindings(record: recordFinding, server: finding, coversServer: true)
        }
        let (serverFinding, covers) = coverage(
            record,
            published: published,
            domain: domain,
            server: server,
            lookups: &lookups
        )
        return SPFFindings(record: recordFinding, server: serverFinding, coversServer: covers)
    }

    /// The record's own finding: the limits, nested errors and its `all`.
    private static func judge(_ record: SPFRecord, published: String, walk: SPFTree.Walk) -> DomainFinding {
        switch walk {
        case .pending:
            return DomainTexts.pending(.spf)
        case .permError(let error):
            return DomainFinding(.spf, .problem, SPFTexts.permError(error), record: published)
        case .failed(let error, _):
            return DomainFinding(.spf, .notChecked, SPFTexts.nestedUnreadable(error), record: published)
        case .complete(let count, _):
            switch record.all?.qualifier {
            case .pass?:
                return DomainFinding(.spf, .problem, SPFTexts.passAll, record: published)
            case .neutral?:
                return DomainFinding(.spf, .warning, SPFTexts.neutralAll, record: published)
            case nil where record.redirect == nil:
                return DomainFinding(.spf, .warning, SPFTexts.noAll, record: published)
            case .fail?, .softFail?, nil:
                return DomainFinding(.spf, .ok, SPFTexts.valid(lookups: count), record: published)
            }
        }
    }

    /// Whether the server's addresses pass the domain's policy.
    private static func coverage(
        _ record: SPFRecord,
        published: String,
        domain: DNSName,
        server: SMTPServerFacts,
        lookups: inout DNSLookups
    ) -> (DomainFinding?, Bool?) {
        let addresses: [IPAddress]
        switch server.addresses(&lookups) {
        case .found(let found): addresses = found
        case .pending: return (DomainTexts.pending(.spfServer), nil)
        case .failed(let error):
            return (DomainFinding(.spfServer, .notChecked, SPFTexts.serverUnresolved(server.host, error)), nil)
        }
        var evaluator = SPFEvaluator(lookups)
        var uncovered: [IPAddress] = []
        var stop: SPFEvaluator.Verdict?
        for address in addresses {
            let verdict = evaluator.checkHost(address, domain: domain)
            switch verdict {
            case .pass: continue
            case .fail, .softFail, .neutral, .none: uncovered.append(address)
            case .permError, .tempError, .undetermined, .pending: stop = stop ?? verdict
            }
        }
        lookups = evaluator.lookups
        switch stop {
        case .pending?:
            return (DomainTexts.pending(.spfServer), nil)
        case .tempError(let error)?:
            return (DomainFinding(.spfServer, .notChecked, SPFTexts.coverageUnknown(error)), nil)
        case .undetermined(let term)?:
            return (DomainFinding(.spfServer, .notChecked, SPFTexts.undetermined(term, server: server.host)), nil)
        case .permError(let error)?:
            return (DomainFinding(.spfServer, .problem, SPFTexts.permError(error)), false)
        default:
            break
        }
        guard !uncovered.isEmpty else {
            return (DomainFinding(.spfServer, .ok, SPFTexts.covered(server.host, addresses)), true)
        }
        let mechanism = server.spfMechanism
        let fix = DNSRecordFix(name: domain, domain: domain, value: amended(published, of: record, adding: mechanism))
        let level: DomainFinding.Level = server.preset == nil ? .warning : .problem
        let text = SPFTexts.notCovered(server: server, uncovered, mechanism: mechanism)
        return (DomainFinding(.spfServer, level, text, record: published, fix: fix), false)
    }

    private static func missing(_ domain: DNSName, _ server: SMTPServerFacts) -> DomainFinding {
        let value = "v=spf1 \(server.spfMechanism) ~all"
        return DomainFinding(
            .spf,
            .problem,
            SPFTexts.missing(server: server),
            fix: DNSRecordFix(name: domain, domain: domain, value: value)
        )
    }

    /// The published record with `mechanism` put before its `all` term (or at the end).
    private static func amended(_ published: String, of record: SPFRecord, adding mechanism: String) -> String {
        var terms = published.split(separator: " ").map(String.init)
        terms.insert(mechanism, at: record.all.flatMap { terms.firstIndex(of: $0.term) } ?? terms.endIndex)
        return terms.joined(separator: " ")
    }
}
