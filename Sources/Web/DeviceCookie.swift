import Foundation
import Secrets

/// The mark of a browser that has logged in before, after OWASP's device-cookie scheme: a browser
/// that logs in successfully gets a signed, long-lived cookie naming the account. A login from a
/// browser that shows a valid one for the name it types is counted against that cookie alone, not
/// against the name or the address (`LoginThrottle.subjects`), so a stranger failing on the name
/// cannot keep the real admin out; a stranger has no valid cookie, and whoever steals one is still
/// slowed down on it.
///
/// The value is `v1.NAME.EXPIRES.NONCE.SIGNATURE`: the lower-cased name in base64url, the expiry in
/// Unix seconds, 16 random bytes in base64url, and the HMAC of everything before it. Nothing is
/// stored: a new login gives a new cookie, a changed secret key voids them all.
struct DeviceCookie: Equatable {
    /// How long a browser stays known without logging in again.
    static let lifetime: TimeInterval = 180 * 86_400
    /// What the cookies are signed for (`MessageSigner`'s purpose).
    static let purpose = "device cookie"
    private static let version = "v1"

    /// The account's name, lower-cased.
    let name: String
    let expires: Int64
    /// What the throttle counts this browser's attempts against.
    let nonce: String

    /// A new cookie for `name`, valid for `lifetime` from `now`.
    init(name: String, now: Date) {
        self.name = name.lowercased()
        expires = Int64(now.timeIntervalSince1970 + Self.lifetime)
        nonce = RandomBytes.token(byteCount: 16)
    }

    /// The cookie in `value`, when its signature holds and it has not expired; else nil.
    init?(_ value: String?, signer: MessageSigner, now: Date) {
        guard let value, value.utf8.count <= 512 else { return nil }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == Self.version,
            signer.verify(parts[..<4].joined(separator: "."), signature: String(parts[4])),
            let name = Self.decode(parts[1]), let expires = Int64(parts[2]),
            Double(expires) > now.timeIntervalSince1970
        else { return nil }
        self.name = name
        self.expires = expires
        nonce = String(parts[3])
    }

    /// True when the cookie was given at a login as `name` (case aside).
    func isFor(name typed: String) -> Bool {
        name == typed.lowercased()
    }

    /// The cookie's value, signed by `signer`.
    func value(signer: MessageSigner) -> String {
        let payload = [Self.version, Self.encode(name), String(expires), nonce].joined(separator: ".")
        return payload + "." + signer.signature(payload)
    }

    private static func encode(_ text: String) -> String {
        RandomBytes.base64URL(Array(text.utf8))
    }

    private static func decode(_ text: Substring) -> String? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }
    }
}
