import Crypto
import Foundation

/// Cryptographically random bytes and tokens.
public enum RandomBytes {
    /// `count` random bytes from the system generator.
    public static func generate(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// A random token of `byteCount` bytes, base64url without padding (cookie- and URL-safe).
    public static func token(byteCount: Int = 32) -> String {
        base64URL(generate(byteCount))
    }

    /// A new API token for the shop's backend: `mr_` and a 32-byte random token. The panel and
    /// `mailrobot-admin token add` both make tokens here; only `TokenDigest.hex` of one is stored.
    public static func apiToken() -> String {
        "mr_" + token()
    }

    /// `bytes` in base64url without padding.
    public static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Digests of tokens: the database keeps only these, so a copy of it opens no session.
public enum TokenDigest {
    /// SHA-256 of `token`, in lower-case hex.
    public static func hex(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// Comparison whose time does not depend on where two secrets differ.
public enum ConstantTime {
    public static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }

    public static func equals(_ lhs: String, _ rhs: String) -> Bool {
        equals(Array(lhs.utf8), Array(rhs.utf8))
    }
}
