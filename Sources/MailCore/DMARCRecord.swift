/// A DMARC policy record (RFC 7489 §6.3), as published at `_dmarc.<domain>`.
public struct DMARCRecord: Sendable, Equatable {
    /// What a receiver does with a letter that fails DMARC.
    public enum Policy: String, Sendable, Equatable {
        /// Deliver as usual; only report.
        case none
        /// Treat as suspicious: usually the spam folder.
        case quarantine
        /// Refuse the letter.
        case reject
    }

    /// `p=`: the policy for the domain itself.
    public let policy: Policy
    /// `sp=`: the policy for its subdomains (`p=` when absent).
    public let subdomainPolicy: Policy
    /// `pct=`: the share of failing letters the policy applies to (100 when absent).
    public let percent: Int

    /// Whether `text` claims to be a DMARC record: `v=DMARC1` as its first tag.
    public static func isDMARC(_ text: String) -> Bool {
        guard let first = text.split(separator: ";", omittingEmptySubsequences: false).first else { return false }
        let tag = first.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
        return tag.count == 2 && tag[0] == "v" && tag[1] == "DMARC1"
    }

    /// Parses a record; a missing or unknown `p=` (or a bad `sp=`/`pct=`) is an error, as
    /// receivers then ignore the record.
    public init(parsing text: String) throws(DMARCSyntaxError) {
        guard DMARCRecord.isDMARC(text) else { throw .notDMARC }
        var tags: [String: String] = [:]
        for part in text.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pair[0].trimmingSpaces().lowercased()
            if name.isEmpty && pair.count == 1 { continue }
            guard pair.count == 2, !name.isEmpty else { throw .malformedTag(String(part.trimmingSpaces())) }
            tags[name] = pair[1].trimmingSpaces()
        }
        guard let policyText = tags["p"] else { throw .missingPolicy }
        guard let policy = Policy(rawValue: policyText.lowercased()) else { throw .unknownPolicy(policyText) }
        self.policy = policy
        if let text = tags["sp"] {
            guard let subdomainPolicy = Policy(rawValue: text.lowercased()) else { throw .unknownPolicy(text) }
            self.subdomainPolicy = subdomainPolicy
        } else {
            subdomainPolicy = policy
        }
        if let text = tags["pct"] {
            guard text.allSatisfy(\.isASCIIDigit), let value = Int(text), (0...100).contains(value) else {
                throw .badPercent(text)
            }
            percent = value
        } else {
            percent = 100
        }
    }
}

/// Why a DMARC record is ignored by receivers.
public enum DMARCSyntaxError: Error, Sendable, Equatable {
    case notDMARC
    case missingPolicy
    case unknownPolicy(String)
    case badPercent(String)
    case malformedTag(String)
}
