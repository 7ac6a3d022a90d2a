public import struct Foundation.Date

/// A letter's `Message-ID`, given when the letter is enqueued and kept on every retry so a
/// receiver can recognise a repeat.
public struct MessageID: Sendable, Hashable, CustomStringConvertible {
    /// `left@right`, without the angle brackets the header puts around it.
    public let value: String

    public var description: String { value }

    /// The longest stored value accepted; keeps the header line far below 998 octets.
    static let maxLength = 250

    /// Checks a stored value: `left@right`, each side dots between runs of RFC 5322 `atext`
    /// except `?`, so nothing in it can look like an encoded-word.
    public init(_ value: String) throws(HeaderProblem) {
        guard !HeaderSafety.hasControlCharacters(value) else { throw .controlCharacters(.messageID) }
        let halves = value.split(separator: "@", omittingEmptySubsequences: false)
        guard value.utf8.count <= MessageID.maxLength, halves.count == 2,
            halves.allSatisfy({ DotAtom.isValid($0, excluding: [UInt8(ascii: "?")]) })
        else { throw .invalidMessageID }
        self.value = value
    }

    /// A new identifier on the sender's domain: the time in milliseconds and 128 random bits
    /// from the system's generator.
    public static func generate(domain: DomainName, at now: Date) -> MessageID {
        var generator = SystemRandomNumberGenerator()
        return generate(domain: domain, at: now, using: &generator)
    }

    /// A new identifier drawing its random part from `generator` (tests pass a seeded one).
    public static func generate(
        domain: DomainName,
        at now: Date,
        using generator: inout some RandomNumberGenerator
    ) -> MessageID {
        let milliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let time = String(milliseconds, radix: 36)
        let random = (0..<2).map { _ in
            let word = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - word.count) + word
        }.joined()
        return MessageID(trusted: "\(time).\(random)@\(domain.ascii)")
    }

    private init(trusted value: String) {
        self.value = value
    }
}
