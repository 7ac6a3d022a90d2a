/// An SPF record with the records its `include:` and `redirect=` terms name, walked whole:
/// for the limit of 10 DNS-querying terms (RFC 7208 §4.6.4) and the errors of nested records,
/// which a receiver meets only when it evaluates that far.
struct SPFTree {
    enum Walk: Equatable {
        /// Every record was read: the DNS-querying terms in all of them, and the names included.
        case complete(lookups: Int, includes: Set<DNSName>)
        case permError(SPFPermError)
        /// A nested record could not be read.
        case failed(DNSError, includes: Set<DNSName>)
        case pending

        /// The names included or redirected to, as far as the walk got.
        var includes: Set<DNSName> {
            switch self {
            case .complete(_, let includes), .failed(_, let includes): includes
            case .permError, .pending: []
            }
        }
    }

    /// Walks the tree under `record`.
    static func walk(_ record: SPFRecord, lookups: inout DNSLookups) -> Walk {
        var walker = SPFTree()
        walker.visit(record, depth: 0, lookups: &lookups)
        if let error = walker.permError { return .permError(error) }
        if walker.isPending { return .pending }
        if walker.spent > SPFEvaluator.lookupLimit { return .permError(.tooManyLookups) }
        if let failure = walker.failure {
            return .failed(failure, includes: walker.includes)
        }
        return .complete(lookups: walker.spent, includes: walker.includes)
    }

    private var spent = 0
    private var includes: Set<DNSName> = []
    private var permError: SPFPermError?
    private var failure: DNSError?
    private var isPending = false

    private mutating func visit(_ record: SPFRecord, depth: Int, lookups: inout DNSLookups) {
        spent += record.lookupTerms
        var targets: [DNSName] = record.directives.compactMap { directive in
            if case .include(.name(let name)) = directive.mechanism { name } else { nil }
        }
        if case .name(let name)? = record.redirect { targets.append(name) }
        for target in targets {
            includes.insert(target)
            // Past the limit the verdict is known; a loop of includes ends here too.
            guard permError == nil, spent <= SPFEvaluator.lookupLimit, depth < SPFEvaluator.lookupLimit else { return }
            switch SPFRecordLookup.find(at: target, in: &lookups) {
            case .found(let nested): visit(nested, depth: depth + 1, lookups: &lookups)
            case .none: permError = .noRecordAt(target)
            case .invalid(let error): permError = error
            case .failed(let error): failure = failure ?? error
            case .pending: isPending = true
            }
        }
    }
}
