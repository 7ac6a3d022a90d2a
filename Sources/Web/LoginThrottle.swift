import Foundation
import Storage

/// Slows down password guessing: after a few failures for an account name or a client
/// address, further attempts must wait 5 s, then twice as long after each failure, up to
/// 15 minutes. Failures are
/// forgotten an hour after the last one; there is no permanent lockout.
struct LoginThrottle {
    /// Failures allowed before any waiting starts.
    static let freeFailures = 3
    static let firstDelay: TimeInterval = 5
    static let maxDelay: TimeInterval = 15 * 60
    static let forgetAfter: TimeInterval = 60 * 60

    let store: LoginFailureStore

    /// The subjects a login attempt is counted against.
    static func subjects(name: String, address: String) -> [String] {
        ["name:" + name.lowercased(), "addr:" + address]
    }

    /// How long to wait after `count` failures (0 while within the free ones).
    static func delay(afterFailures count: Int) -> TimeInterval {
        guard count >= freeFailures else { return 0 }
        let exponent = min(count - freeFailures, 12)
        return min(maxDelay, firstDelay * pow(2, Double(exponent)))
    }

    /// Seconds until another attempt is allowed for any of `subjects`, or 0.
    func waitTime(for subjects: [String], now: Date) throws -> TimeInterval {
        var wait: TimeInterval = 0
        for subject in subjects {
            guard let failures = try store.failures(of: subject) else { continue }
            let elapsed = now.timeIntervalSince(failures.last)
            guard elapsed < Self.forgetAfter else { continue }
            wait = max(wait, Self.delay(afterFailures: failures.count) - elapsed)
        }
        return max(0, wait)
    }

    func recordFailure(for subjects: [String], now: Date) throws {
        for subject in subjects {
            let previous = try store.failures(of: subject)
            let stillCounted = previous.map { now.timeIntervalSince($0.last) < Self.forgetAfter } ?? false
            try store.record(subject, count: (stillCounted ? previous!.count : 0) + 1, at: now)
        }
    }

    func recordSuccess(for subjects: [String]) throws {
        for subject in subjects { try store.clear(subject) }
    }
}
