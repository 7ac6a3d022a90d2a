/// The DNS answers one domain check has gathered: the rules read them, the service that asks
/// the resolver fills them in.
public struct DNSSnapshot: Sendable {
    private var answers: [DNSQuestion: Result<[DNSRecord], DNSError>] = [:]
    /// Why the service stopped asking before every question was answered (the server is down,
    /// or the time was up); unanswered questions then count as failed for this reason.
    public var stoppedBecause: DNSError?

    public init() {}

    public subscript(question: DNSQuestion) -> Result<[DNSRecord], DNSError>? {
        get { answers[question] }
        set { answers[question] = newValue }
    }

    /// How many questions have an answer (or a failure) recorded.
    public var count: Int { answers.count }
}

/// The rules' view of a snapshot: records, a definite absence, a failure, or — while the
/// service still asks — a question to ask next.
struct DNSLookups {
    enum Answer {
        case records([DNSRecord])
        /// NXDOMAIN or no data: the records are known to be absent.
        case absent
        case failed(DNSError)
        /// Not asked yet; noted in `needed`.
        case pending
    }

    let snapshot: DNSSnapshot
    /// True once the service has stopped asking: an unanswered question is then a failure.
    let isFinal: Bool
    private(set) var needed: Set<DNSQuestion> = []

    init(_ snapshot: DNSSnapshot, isFinal: Bool) {
        self.snapshot = snapshot
        self.isFinal = isFinal
    }

    mutating func answer(_ question: DNSQuestion) -> Answer {
        switch snapshot[question] {
        case .success(let records): return records.isEmpty ? .absent : .records(records)
        case .failure(let error): return error.meansNoRecords ? .absent : .failed(error)
        case nil:
            if isFinal { return .failed(snapshot.stoppedBecause ?? .timedOut) }
            needed.insert(question)
            return .pending
        }
    }

    /// The TXT strings at `name`.
    mutating func texts(at name: DNSName) -> Answer {
        let answer = answer(DNSQuestion(name, .txt))
        guard case .records(let records) = answer else { return answer }
        let texts = records.compactMap { record -> DNSRecord? in
            if case .text = record { record } else { nil }
        }
        return texts.isEmpty ? .absent : .records(texts)
    }
}

extension DNSLookups.Answer {
    /// The TXT strings of `.records`.
    var texts: [String] {
        guard case .records(let records) = self else { return [] }
        return records.compactMap { record in
            if case .text(let text) = record { text } else { nil }
        }
    }
}
