import Foundation
import Storage

/// Slows down password guessing. Every attempt is counted before the password is checked (so
/// parallel guesses cannot slip past), against the client's address, the name from that address,
/// and the name from anywhere. After a few attempts the next one must wait 5 s, then twice as
/// long each time: up to 15 minutes for an address, but at most a minute for a name alone, so
/// that someone else's failures can never lock the real admin out for long. A success clears
/// the counts; counts are forgotten an hour after their last attempt.
struct LoginThrottle {
    /// Attempts allowed before any waiting starts.
    static let freeFailures = 3
    static let firstDelay: TimeInterval = 5
    static let forgetAfter: TimeInterval = 60 * 60
    /// Longer names are no account's (the CLI allows 64 characters).
    static let maxNameLength = 64

    /// One thing attempts are counted against, and the longest it may be made to wait.
    struct Subject: Equatable {
        let key: String
        let maxDelay: TimeInterval
    }

    let db: Database

    static func subjects(name: String, address: String) -> [Subject] {
        let name = String(name.lowercased().prefix(maxNameLength))
        return [
            Subject(key: "addr:" + address, maxDelay: 15 * 60),
            Subject(key: "pair:\(name)|\(address)", maxDelay: 15 * 60),
            Subject(key: "name:" + name, maxDelay: 60),
        ]
    }

    /// How long to wait after `count` attempts (0 while within the free ones), at most `limit`.
    static func delay(afterFailures count: Int, limit: TimeInterval) -> TimeInterval {
        guard count >= freeFailures else { return 0 }
        let exponent = min(count - freeFailures, 12)
        return min(limit, firstDelay * pow(2, Double(exponent)))
    }

    /// Either the seconds to wait before another attempt, or 0 after counting this attempt; in
    /// one write transaction, so concurrent attempts are counted one after another.
    func admit(_ subjects: [Subject], now: Date) throws -> TimeInterval {
        try db.write { db in
            let store = LoginFailureStore(db)
            try store.forget(before: now.addingTimeInterval(-Self.forgetAfter))
            var counts: [String: Int] = [:]
            var wait: TimeInterval = 0
            for subject in subjects {
                guard let failures = try store.failures(of: subject.key) else { continue }
                counts[subject.key] = failures.count
                let delay = Self.delay(afterFailures: failures.count, limit: subject.maxDelay)
                wait = max(wait, delay - now.timeIntervalSince(failures.last))
            }
            guard wait <= 0 else { return wait }
            for subject in subjects {
                try store.record(subject.key, count: (counts[subject.key] ?? 0) + 1, at: now)
            }
            return 0
        }
    }

    /// The attempt was right: its counts start over.
    func succeeded(_ subjects: [Subject]) throws {
        let store = LoginFailureStore(db)
        for subject in subjects { try store.clear(subject.key) }
    }
}
