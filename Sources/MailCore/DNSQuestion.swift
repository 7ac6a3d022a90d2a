/// The record types the domain check asks for.
public enum DNSRecordType: String, Sendable, Hashable {
    case a = "A"
    case aaaa = "AAAA"
    case mx = "MX"
    case txt = "TXT"
}

/// One DNS lookup: a name and a record type (class IN).
public struct DNSQuestion: Sendable, Hashable, CustomStringConvertible {
    public let name: DNSName
    public let type: DNSRecordType

    public init(_ name: DNSName, _ type: DNSRecordType) {
        self.name = name
        self.type = type
    }

    public var description: String { "\(name) \(type.rawValue)" }
}

/// One record of an answer, as the check reads it.
public enum DNSRecord: Sendable, Hashable {
    /// An A or AAAA record.
    case address(IPAddress)
    /// A TXT record, its character-strings joined without separators (RFC 7208 §3.3).
    case text(String)
    /// An MX record: the preference and the mail exchanger's name (nil for the null MX `.`).
    case mailExchange(preference: Int, host: DNSName?)
}

/// Why a lookup gave no records.
public enum DNSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name does not exist (NXDOMAIN).
    case noSuchName
    /// The name exists but has no record of the type asked for (NOERROR, empty answer).
    case noData
    /// The server answered with an error it would not retry (FORMERR…): it could not say.
    case serverFailure
    /// No answer in time from any server (glibc reports a SERVFAIL so too, after its retries).
    case timedOut
    /// No server could be reached (refused, no route, none configured).
    case unreachable(detail: String)
    /// The answer could not be read.
    case malformedAnswer

    /// Whether the name's records are known: absent (`noSuchName`, `noData`) rather than unknown.
    public var meansNoRecords: Bool {
        switch self {
        case .noSuchName, .noData: true
        case .serverFailure, .timedOut, .unreachable, .malformedAnswer: false
        }
    }

    public var description: String {
        switch self {
        case .noSuchName: "no such name (NXDOMAIN)"
        case .noData: "no records of that type"
        case .serverFailure: "the DNS server answered with an error"
        case .timedOut: "no answer from the DNS server in time"
        case .unreachable(let detail): "the DNS server cannot be reached: \(detail)"
        case .malformedAnswer: "the DNS answer could not be read"
        }
    }
}

/// The outside world that answers DNS questions (glibc's resolver in production, a table in tests).
public protocol DNSResolver: Sendable {
    /// The records of `question`'s type at its name (CNAMEs followed by the server).
    func lookup(_ question: DNSQuestion) throws(DNSError) -> [DNSRecord]
}
