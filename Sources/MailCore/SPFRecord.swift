/// One SPF record (RFC 7208), parsed: its directives in order and its modifiers.
///
/// The parser is as strict as a receiving server: anything RFC 7208 §4.6 would call a permerror
/// (an unknown mechanism, a bad address or prefix, a repeated `redirect=`) is a `SPFSyntaxError`
/// naming the term, because a receiver then ignores the whole record.
public struct SPFRecord: Sendable, Equatable {
    /// What a matching directive says about the sender.
    public enum Qualifier: Character, Sendable {
        case pass = "+"
        case fail = "-"
        case softFail = "~"
        case neutral = "?"
    }

    /// A name in a mechanism or modifier: a plain name, or one with macros (`%{d}`) this check
    /// does not expand.
    public enum DomainSpec: Sendable, Equatable {
        case name(DNSName)
        case macro(String)
    }

    /// The mechanisms of §5.
    public enum Mechanism: Sendable, Equatable {
        case all
        case include(DomainSpec)
        case a(DomainSpec?, prefix4: Int, prefix6: Int)
        case mx(DomainSpec?, prefix4: Int, prefix6: Int)
        case ptr(DomainSpec?)
        case ip4(IPAddress, prefix: Int)
        case ip6(IPAddress, prefix: Int)
        case exists(DomainSpec)

        /// Whether evaluating it costs a DNS lookup (counted against the limit of 10, §4.6.4).
        public var looksUp: Bool {
            switch self {
            case .include, .a, .mx, .ptr, .exists: true
            case .all, .ip4, .ip6: false
            }
        }
    }

    /// A qualifier and a mechanism, with the term as written.
    public struct Directive: Sendable, Equatable {
        public let qualifier: Qualifier
        public let mechanism: Mechanism
        public let term: String
    }

    public let directives: [Directive]
    /// `redirect=`: the record to use when no directive matched.
    public let redirect: DomainSpec?

    /// The DNS-querying terms of this record alone: mechanisms that look up, and `redirect`.
    public var lookupTerms: Int {
        directives.filter(\.mechanism.looksUp).count + (redirect == nil ? 0 : 1)
    }

    /// The `all` directive, if any (the record's verdict for every other sender).
    public var all: Directive? {
        directives.first { $0.mechanism == .all }
    }

    /// Whether `text` is an SPF record at all: `v=spf1` alone or followed by a space.
    public static func isSPF(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower == "v=spf1" || lower.hasPrefix("v=spf1 ")
    }

    /// Parses an SPF record, the TXT strings already joined.
    public init(parsing text: String) throws(SPFSyntaxError) {
        guard SPFRecord.isSPF(text) else { throw SPFSyntaxError(term: text, problem: .notSPF) }
        var directives: [Directive] = []
        var redirect: DomainSpec?
        var explanation = false
        for term in text.split(separator: " ").dropFirst().map(String.init) {
            if let equals = term.firstIndex(of: "="), !term[..<equals].contains(where: { $0 == ":" || $0 == "/" }) {
                let name = term[..<equals].lowercased()
                let value = String(term[term.index(after: equals)...])
                switch name {
                case "redirect":
                    guard redirect == nil else { throw SPFSyntaxError(term: term, problem: .repeatedModifier) }
                    redirect = try SPFRecord.domainSpec(value, term: term)
                case "exp":
                    guard !explanation else { throw SPFSyntaxError(term: term, problem: .repeatedModifier) }
                    _ = try SPFRecord.domainSpec(value, term: term)
                    explanation = true
                default:
                    guard SPFRecord.isModifierName(name), SPFMacro.isValid(value) else {
                        throw SPFSyntaxError(term: term, problem: .badModifier)
                    }
                }
            } else {
                directives.append(try SPFRecord.directive(term))
            }
        }
        self.directives = directives
        self.redirect = redirect
    }

    private static func directive(_ term: String) throws(SPFSyntaxError) -> Directive {
        var body = Substring(term)
        var qualifier = Qualifier.pass
        if let first = body.first, let given = Qualifier(rawValue: first) {
            qualifier = given
            body = body.dropFirst()
        }
        let nameEnd = body.firstIndex { $0 == ":" || $0 == "/" } ?? body.endIndex
        let name = body[..<nameEnd].lowercased()
        let rest = body[nameEnd...]
        let mechanism: Mechanism
        switch name {
        case "all":
            guard rest.isEmpty else { throw SPFSyntaxError(term: term, problem: .unexpectedArgument) }
            mechanism = .all
        case "include", "exists":
            guard rest.hasPrefix(":") else { throw SPFSyntaxError(term: term, problem: .missingDomain) }
            let spec = try domainSpec(String(rest.dropFirst()), term: term)
            mechanism = name == "include" ? .include(spec) : .exists(spec)
        case "a", "mx":
            let (spec, prefix4, prefix6) = try domainAndPrefixes(rest, term: term)
            mechanism =
                name == "a"
                ? .a(spec, prefix4: prefix4, prefix6: prefix6) : .mx(spec, prefix4: prefix4, prefix6: prefix6)
        case "ptr":
            guard rest.isEmpty || rest.hasPrefix(":") else {
                throw SPFSyntaxError(term: term, problem: .unexpectedArgument)
            }
            mechanism = .ptr(rest.isEmpty ? nil : try domainSpec(String(rest.dropFirst()), term: term))
        case "ip4", "ip6":
            guard rest.hasPrefix(":") else { throw SPFSyntaxError(term: term, problem: .badAddress) }
            let value = rest.dropFirst()
            let slash = value.firstIndex(of: "/") ?? value.endIndex
            let isV4 = name == "ip4"
            guard let address = IPAddress(String(value[..<slash])), address.isIPv4 == isV4 else {
                throw SPFSyntaxError(term: term, problem: .badAddress)
            }
            var prefix = address.bitCount
            if slash < value.endIndex {
                prefix = try prefixLength(value[value.index(after: slash)...], maximum: address.bitCount, term: term)
            }
            mechanism = isV4 ? .ip4(address, prefix: prefix) : .ip6(address, prefix: prefix)
        default:
            throw SPFSyntaxError(term: term, problem: .unknownMechanism)
        }
        return Directive(qualifier: qualifier, mechanism: mechanism, term: term)
    }

    /// `[:domain][/prefix4][//prefix6]` after `a` or `mx`.
    private static func domainAndPrefixes(
        _ rest: Substring,
        term: String
    ) throws(SPFSyntaxError) -> (DomainSpec?, Int, Int) {
        var rest = rest
        var spec: DomainSpec?
        if rest.hasPrefix(":") {
            rest = rest.dropFirst()
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            spec = try domainSpec(String(rest[..<end]), term: term)
            rest = rest[end...]
        }
        var prefix4 = 32
        var prefix6 = 128
        if rest.hasPrefix("/") && !rest.hasPrefix("//") {
            rest = rest.dropFirst()
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            prefix4 = try prefixLength(rest[..<end], maximum: 32, term: term)
            rest = rest[end...]
        }
        if rest.hasPrefix("//") {
            prefix6 = try prefixLength(rest.dropFirst(2), maximum: 128, term: term)
            rest = rest[rest.endIndex...]
        }
        guard rest.isEmpty else { throw SPFSyntaxError(term: term, problem: .badPrefix) }
        return (spec, prefix4, prefix6)
    }

    /// A CIDR length: digits without a leading zero (but `0` itself), at most `maximum`.
    private static func prefixLength(_ text: Substring, maximum: Int, term: String) throws(SPFSyntaxError) -> Int {
        guard (1...3).contains(text.count), text.allSatisfy(\.isASCIIDigit), text == "0" || !text.hasPrefix("0"),
            let value = Int(text), value <= maximum
        else { throw SPFSyntaxError(term: term, problem: .badPrefix) }
        return value
    }

    private static func domainSpec(_ text: String, term: String) throws(SPFSyntaxError) -> DomainSpec {
        guard !text.isEmpty else { throw SPFSyntaxError(term: term, problem: .missingDomain) }
        if text.contains("%") {
            guard SPFMacro.isValid(text) else { throw SPFSyntaxError(term: term, problem: .badMacro) }
            return .macro(text)
        }
        // A domain-spec ends in a top label, so at least two labels (§7.1).
        guard let name = DNSName(text), name.text.contains(".") else {
            throw SPFSyntaxError(term: term, problem: .badDomain)
        }
        return .name(name)
    }

    /// `name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )` (§12).
    private static func isModifierName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else {
            return false
        }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "-_.".unicodeScalars.contains(scalar))
        }
    }
}

/// Why an SPF record is invalid: the offending term and what is wrong with it.
public struct SPFSyntaxError: Error, Sendable, Equatable {
    public enum Problem: Sendable, Equatable {
        /// The text does not start with `v=spf1`.
        case notSPF
        /// A mechanism RFC 7208 does not define (a typo such as `inlude:` or `ipv4:`).
        case unknownMechanism
        /// `include:`, `exists:` or `redirect=` without a name.
        case missingDomain
        /// A name that is not a domain.
        case badDomain
        /// An `ip4:`/`ip6:` value that is not an address of that family.
        case badAddress
        /// A `/prefix` out of range or malformed.
        case badPrefix
        /// `all` or `ptr` with something after it that does not belong there.
        case unexpectedArgument
        /// `redirect=` or `exp=` given twice.
        case repeatedModifier
        /// A `name=value` term whose name or value is malformed.
        case badModifier
        /// A `%` that starts no valid macro.
        case badMacro
    }

    public let term: String
    public let problem: Problem

    public init(term: String, problem: Problem) {
        self.term = term
        self.problem = problem
    }
}
