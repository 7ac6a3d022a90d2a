import Foundation
import MailCore
import Storage

/// Slows down password guessing. Every attempt is counted before the password is checked (so
/// parallel guesses cannot slip past), against the client's address (an IPv6 client's /64), the
/// name from that address, and the name from anywhere. After a few attempts the next one must wait
/// 5 s, then twice as long each time: up to 15 minutes for an address, but at most a minute for a
/// name alone. A browser with a valid device cookie for the name (`DeviceCookie`) is counted
/// against that cookie alone, so someone else's failures on the name never lock the real admin
/// out. A success clears the counts; counts are forgotten an hour after their last attempt.
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

    /// What an attempt on `name` from `address` counts against; only `device` (the nonce of a valid
    /// device cookie for `name`) when the browser has one.
    static func subjects(name: String, address: String, device: String? = nil) -> [Subject] {
        if let device { return [Subject(key: "device:" + device, maxDelay: 15 * 60)] }
        let name = String(name.lowercased().prefix(maxNameLength))
        let address = client(address)
        return [
            Subject(key: "addr:" + address, maxDelay: 15 * 60),
            Subject(key: "pair:\(name)|\(address)", maxDelay: 15 * 60),
            Subject(key: "name:" + name, maxDelay: 60),
        ]
    }

    /// The client an address counts for: an IPv4 address itself, an IPv6 address its /64 (one
    /// home or server gets a whole /64, so rotating through it is free), an IPv4-mapped IPv6
    /// address its IPv4 address. Text that is not an address is kept as it is.
    static func client(_ address: String) -> String {
        guard let parsed = IPAddress(address) else { return address }
        if parsed.isIPv4 { return parsed.description }
        let bytes = parsed.bytes
        if bytes[..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return bytes[12...].map(String.init).joined(separator: ".")
        }
        let network = IPAddress(bytes: Array(bytes[..<8]) + Array(repeating: 0, count: 8)) ?? parsed
        return network.description + "/64"
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
