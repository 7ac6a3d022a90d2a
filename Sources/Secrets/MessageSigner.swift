import Crypto
import Foundation

/// Signs short texts with HMAC-SHA256 under a key of their own: derived from the secret key with
/// HKDF for one `purpose`, so a signature made for one purpose (say, device cookies) is worth
/// nothing for another, and the sealing key itself never signs anything.
public struct MessageSigner: Sendable {
    /// The derived key's bytes (`SymmetricKey` is not `Sendable` on Linux, so it is made on use).
    private let bytes: [UInt8]

    public init(key: SecretKey, purpose: String) {
        let derived = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: key.key,
            info: Data(("mailrobot " + purpose).utf8),
            outputByteCount: 32
        )
        bytes = derived.withUnsafeBytes { Array($0) }
    }

    /// The signature of `message`, base64url without padding (43 characters).
    public func signature(_ message: String) -> String {
        RandomBytes.base64URL(code(message))
    }

    /// True when `signature` is `message`'s, compared in constant time.
    public func verify(_ message: String, signature: String) -> Bool {
        ConstantTime.equals(Array(RandomBytes.base64URL(code(message)).utf8), Array(signature.utf8))
    }

    private func code(_ message: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: bytes)))
    }
}
