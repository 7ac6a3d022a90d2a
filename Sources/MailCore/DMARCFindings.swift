/// The DMARC finding of «Проверка домена»: the policy at `_dmarc.<domain>` (or at the parent
/// domain's, which receivers also consult), and whether it would turn against the shop's own
/// letters.
enum DMARCFindings {
    static func evaluate(
        domain: DNSName,
        spfCovers: Bool?,
        dkimSigns: Bool?,
        lookups: inout DNSLookups
    ) -> DomainFinding {
        guard let own = domain.prefixed(by: "_dmarc") else {
            return DomainFinding(.dmarc, .notChecked, DMARCTexts.missing(domain))
        }
        var name = own
        var answer = lookups.texts(at: own)
        var inherited = false
        // Receivers fall back to the organisational domain; without the public-suffix list,
        // the last two labels stand for it.
        if case .absent = answer, let parent = domain.lastTwoLabels?.prefixed(by: "_dmarc") {
            name = parent
            answer = lookups.texts(at: parent)
            inherited = true
        }
        switch answer {
        case .pending: return DomainTexts.pending(.dmarc)
        case .failed(let error): return DomainTexts.notChecked(.dmarc, error)
        case .absent, .records: break
        }
        let records = answer.texts.filter(DMARCRecord.isDMARC)
        guard let text = records.first else {
            let fix = DNSRecordFix(name: own, domain: domain, value: "v=DMARC1; p=none")
            return DomainFinding(.dmarc, .warning, DMARCTexts.missing(domain), fix: fix)
        }
        guard records.count == 1 else {
            return DomainFinding(.dmarc, .problem, DMARCTexts.several(name), record: records.joined(separator: "\n"))
        }
        let record: DMARCRecord
        do {
            record = try DMARCRecord(parsing: text)
        } catch {
            return DomainFinding(.dmarc, .problem, DMARCTexts.invalid(name, error), record: text)
        }
        let policy = inherited ? record.subdomainPolicy : record.policy
        if policy != .none, spfCovers == false, dkimSigns == false {
            return DomainFinding(.dmarc, .problem, DMARCTexts.turnsAgainstOwnLetters(policy), record: text)
        }
        return DomainFinding(
            .dmarc,
            .ok,
            DMARCTexts.policy(policy, percent: record.percent, at: name, inherited: inherited),
            record: text
        )
    }
}
