import CResolv
import Glibc
public import MailCore

/// DNS through glibc's stub resolver (`res_nquery`), the servers of `/etc/resolv.conf` or the one
/// given, with a bounded wait.
///
/// Each lookup blocks its thread for at most about `timeoutSeconds × attempts` per server.
/// - SeeAlso: resolver(3)
public struct SystemResolver: DNSResolver {
    /// The server to ask instead of `/etc/resolv.conf`'s (`MAILROBOT_DNS_SERVER`).
    public let server: DNSServerAddress?
    public let timeoutSeconds: Int
    public let attempts: Int

    public init(server: DNSServerAddress? = nil, timeoutSeconds: Int = 3, attempts: Int = 2) {
        self.server = server
        self.timeoutSeconds = timeoutSeconds
        self.attempts = attempts
    }

    /// The largest DNS message (over TCP).
    private static let answerCapacity = 65_535

    public func lookup(_ question: DNSQuestion) throws(DNSError) -> [DNSRecord] {
        let resolver = try ResolverState(server: server, timeoutSeconds: timeoutSeconds, attempts: attempts)
        var answer = [UInt8](repeating: 0, count: Self.answerCapacity)
        errno = 0
        let length = answer.withUnsafeMutableBufferPointer { buffer in
            res_nquery(
                resolver.state,
                question.name.text,
                Int32(ns_c_in.rawValue),
                Int32(DNSAnswerParser.code(question.type)),
                buffer.baseAddress,
                Int32(buffer.count)
            )
        }
        guard length >= 0 else { throw Self.failure(hostError: resolver.state.pointee.res_h_errno, errno: errno) }
        return try DNSAnswerParser.records(Array(answer[..<min(Int(length), answer.count)]), type: question.type)
    }

    /// The one place a resolver status becomes a `DNSError`.
    static func failure(hostError: Int32, errno code: Int32) -> DNSError {
        switch hostError {
        case HOST_NOT_FOUND: return .noSuchName
        case NO_DATA: return .noData
        case TRY_AGAIN where code == ETIMEDOUT: return .timedOut
        case TRY_AGAIN where code == ECONNREFUSED || code == ENETUNREACH || code == EHOSTUNREACH || code == ESRCH:
            return .unreachable(detail: String(cString: strerror(code)))
        default: return .serverFailure
        }
    }
}
