/// A name as DNS carries it for the domain check: lower-case ASCII labels of letters, digits,
/// hyphens and underscores (`_dmarc.shop.ru`, `mailru._domainkey.shop.ru`, `_spf.mail.ru`).
///
/// Wider than `DomainName`, which holds host and mail domain names (no underscores).
public struct DNSName: Sendable, Hashable, CustomStringConvertible {
    /// Labels joined by dots, without the root's trailing dot.
    public let text: String

    public var description: String { text }

    /// A host or mail domain name.
    public init(_ domain: DomainName) {
        text = domain.ascii
    }

    /// Parses a name as records and typed selectors give it; a trailing dot is dropped and case
    /// is folded. Nil for anything a DNS question cannot carry.
    public init?(_ input: String) {
        var name = input.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty, name.utf8.count <= 253 else { return nil }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            guard DNSName.isLabel(label) else { return nil }
        }
        text = name
    }

    /// `label.self`, e.g. `_dmarc` before a domain; nil when the result would be too long.
    public func prefixed(by label: String) -> DNSName? {
        DNSName("\(label).\(text)")
    }

    /// The last two labels (`shop.ru` for `mail.shop.ru`), or nil when the name has two or fewer.
    public var lastTwoLabels: DNSName? {
        let labels = text.split(separator: ".")
        guard labels.count > 2 else { return nil }
        return DNSName(labels.suffix(2).joined(separator: "."))
    }

    static func isLabel(_ label: Substring) -> Bool {
        !label.isEmpty && label.utf8.count <= 63
            && label.utf8.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_")
            }
    }
}
