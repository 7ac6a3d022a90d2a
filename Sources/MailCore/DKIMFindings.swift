/// The DKIM finding of «Проверка домена»: is there a key at the selector the mail host signs with?
enum DKIMFindings {
    /// The finding, and whether letters can carry a valid signature (nil when unknown).
    static func evaluate(
        domain: DNSName,
        selector: DNSName?,
        server: SMTPServerFacts,
        lookups: inout DNSLookups
    ) -> (DomainFinding, signs: Bool?) {
        guard let selector = selector ?? server.facts.dkimSelector.flatMap(DNSName.init) else {
            return (DomainFinding(.dkim, .notChecked, DKIMTexts.selectorUnknown), nil)
        }
        guard let name = DNSName("\(selector)._domainkey.\(domain)") else {
            return (DomainFinding(.dkim, .notChecked, DKIMTexts.selectorUnknown), nil)
        }
        let answer = lookups.texts(at: name)
        switch answer {
        case .pending: return (DomainTexts.pending(.dkim), nil)
        case .failed(let error): return (DomainTexts.notChecked(.dkim, error), nil)
        case .absent, .records: break
        }
        let texts = answer.texts
        guard let published = texts.first else {
            return (DomainFinding(.dkim, .problem, DKIMTexts.missing(name, selector: selector, server: server)), false)
        }
        var firstError: DKIMSyntaxError?
        for text in texts {
            do {
                let key = try DKIMKeyRecord(parsing: text)
                if key.isRevoked {
                    return (DomainFinding(.dkim, .problem, DKIMTexts.revoked(name), record: text), false)
                }
                return (DomainFinding(.dkim, .ok, DKIMTexts.found(name, keyType: key.keyType), record: text), true)
            } catch {
                firstError = firstError ?? error
            }
        }
        let error = firstError ?? .missingKey
        return (DomainFinding(.dkim, .problem, DKIMTexts.invalid(name, error), record: published), false)
    }
}
