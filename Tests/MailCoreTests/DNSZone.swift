import MailCore

/// A DNS zone for rule tests: answers by name and type; a name with other records answers "no
/// data", an unknown one NXDOMAIN; `failing` names (or every name, under "*") fail as given.
struct DNSZone: CustomStringConvertible {
    private var records: [DNSQuestion: [DNSRecord]] = [:]
    private var names: Set<DNSName> = []
    var failing: [String: DNSError] = [:]

    init(_ entries: [Entry] = []) {
        for entry in entries {
            records[DNSQuestion(entry.name, entry.type), default: []].append(entry.record)
            names.insert(entry.name)
        }
    }

    var description: String { "\(records.count) record sets" }

    /// One record of the zone.
    struct Entry {
        let name: DNSName
        let type: DNSRecordType
        let record: DNSRecord

        static func txt(_ name: String, _ text: String) -> Entry {
            Entry(name: DNSName(name)!, type: .txt, record: .text(text))
        }

        static func a(_ name: String, _ address: String) -> Entry {
            let parsed = IPAddress(address)!
            return Entry(name: DNSName(name)!, type: parsed.isIPv4 ? .a : .aaaa, record: .address(parsed))
        }

        static func mx(_ name: String, _ host: String) -> Entry {
            Entry(name: DNSName(name)!, type: .mx, record: .mailExchange(preference: 10, host: DNSName(host)!))
        }
    }

    func answer(_ question: DNSQuestion) -> Result<[DNSRecord], DNSError> {
        if let error = failing[question.name.text] ?? failing["*"] { return .failure(error) }
        if let found = records[question] { return .success(found) }
        return .failure(names.contains(question.name) ? .noData : .noSuchName)
    }

    /// Runs `rules` to the end against the zone, as the sender's `DomainCheck` does.
    func findings(_ rules: DomainRules) -> [DomainFinding] {
        var snapshot = DNSSnapshot()
        for _ in 0..<100 {
            let questions = rules.questions(after: snapshot)
            if questions.isEmpty { break }
            for question in questions { snapshot[question] = answer(question) }
        }
        return rules.findings(snapshot)
    }
}
