public import Foundation
public import MailCore
import Synchronization

/// A resolver that answers from a table, records the questions, and may take time on the test clock.
public final class TableResolver: DNSResolver {
    private let answers: [String: Result<[DNSRecord], DNSError>]
    private let fallback: DNSError
    private let clock: TestClock
    private let secondsPerLookup: TimeInterval
    private let asked = Mutex<[String]>([])

    public init(
        _ answers: [String: Result<[DNSRecord], DNSError>],
        otherwise fallback: DNSError = .noSuchName,
        clock: TestClock = TestClock(),
        secondsPerLookup: TimeInterval = 0
    ) {
        self.answers = answers
        self.fallback = fallback
        self.clock = clock
        self.secondsPerLookup = secondsPerLookup
    }

    /// The questions asked so far, in order (`name TYPE`).
    public var questions: [String] { asked.withLock { $0 } }

    public func lookup(_ question: DNSQuestion) throws(DNSError) -> [DNSRecord] {
        asked.withLock { $0.append(question.description) }
        clock.advance(by: secondsPerLookup)
        switch answers[question.description] ?? .failure(fallback) {
        case .success(let records): return records
        case .failure(let error): throw error
        }
    }
}
