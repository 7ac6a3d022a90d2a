import Crypto
import Foundation
import _CryptoExtras

/// Admin passwords under PBKDF2-HMAC-SHA256 (OWASP: at least 600,000 rounds), stored as
/// `pbkdf2-sha256$ROUNDS$SALT$HASH` (base64) so the rounds can be raised later.
public struct PasswordHasher: Sendable {
    /// Rounds for new hashes.
    public let rounds: Int

    /// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
    public static let owaspRounds = 600_000

    /// The production hasher. Tests may pass fewer rounds to stay fast.
    public init(rounds: Int = PasswordHasher.owaspRounds) {
        self.rounds = rounds
    }

    private static let scheme = "pbkdf2-sha256"

    /// The stored form of `password`, with a fresh 16-byte salt.
    public func hash(_ password: String) throws -> String {
        let salt = RandomBytes.generate(16)
        let derived = try Self.derive(password, salt: salt, rounds: rounds)
        return [Self.scheme, String(rounds), Data(salt).base64EncodedString(), Data(derived).base64EncodedString()]
            .joined(separator: "$")
    }

    /// True when `password` matches `stored`. An empty password never matches.
    public func verify(_ password: String, against stored: String) -> Bool {
        guard !password.isEmpty, let parsed = Self.parse(stored),
            let derived = try? Self.derive(password, salt: parsed.salt, rounds: parsed.rounds)
        else { return false }
        return ConstantTime.equals(derived, parsed.hash)
    }

    /// Spends the time of one verification, so an unknown name answers as slowly as a known one.
    public func verifyNothing(_ password: String) {
        _ = try? Self.derive(password, salt: Array(repeating: 0, count: 16), rounds: rounds)
    }

    /// True when `stored` uses fewer rounds than new hashes do (rehash after a successful login).
    public func needsRehash(_ stored: String) -> Bool {
        (Self.parse(stored)?.rounds ?? 0) < rounds
    }

    private static func parse(_ stored: String) -> (rounds: Int, salt: [UInt8], hash: [UInt8])? {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == scheme, let rounds = Int(parts[1]), rounds >= 1, rounds <= 100_000_000,
            let salt = Data(base64Encoded: String(parts[2])), let hash = Data(base64Encoded: String(parts[3])),
            hash.count == 32
        else { return nil }
        return (rounds, Array(salt), Array(hash))
    }

    private static func derive(_ password: String, salt: [UInt8], rounds: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Data(password.utf8),
            salt: salt,
            using: .sha256,
            outputByteCount: 32,
            unsafeUncheckedRounds: rounds
        )
        return key.withUnsafeBytes { Array($0) }
    }
}
