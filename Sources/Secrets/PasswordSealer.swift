import Crypto
import Foundation

/// Seals SMTP passwords with AES-256-GCM under the secret key, bound to their profile: the
/// profile id is the associated data, so a ciphertext copied onto another profile does not open.
public struct PasswordSealer: Sendable {
    private let key: SecretKey

    /// The stored form starts with this version byte, so the scheme can change later.
    private static let version: UInt8 = 1

    public init(key: SecretKey) {
        self.key = key
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Wrong key, another profile's ciphertext, or damaged bytes.
        case cannotOpen

        public var description: String { "the stored password cannot be opened with this key" }
    }

    /// The sealed form of `password` for profile `profileID`.
    public func seal(_ password: String, profileID: Int64) throws -> [UInt8] {
        let box = try AES.GCM.seal(Data(password.utf8), using: key.key, authenticating: Self.associatedData(profileID))
        guard let combined = box.combined else { throw Failure.cannotOpen }
        return [Self.version] + Array(combined)
    }

    /// The password sealed by `seal` for the same profile and key.
    public func open(_ sealed: [UInt8], profileID: Int64) throws(Failure) -> String {
        guard sealed.first == Self.version, sealed.count > 1 + 12 + 16 else { throw .cannotOpen }
        do {
            let box = try AES.GCM.SealedBox(combined: Data(sealed.dropFirst()))
            let plain = try AES.GCM.open(box, using: key.key, authenticating: Self.associatedData(profileID))
            guard let password = String(data: plain, encoding: .utf8) else { throw Failure.cannotOpen }
            return password
        } catch {
            throw .cannotOpen
        }
    }

    private static func associatedData(_ profileID: Int64) -> Data {
        Data("mailrobot profile \(profileID)".utf8)
    }
}
