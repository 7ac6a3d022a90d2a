import Crypto
import Foundation

/// What a sealed SMTP password is bound to: the profile and the server it was typed for.
public struct PasswordBinding: Sendable, Equatable {
    public var profileID: Int64
    public var host: String
    public var port: Int
    public var login: String

    public init(profileID: Int64, host: String, port: Int, login: String) {
        self.profileID = profileID
        self.host = host
        self.port = port
        self.login = login
    }
}

/// Seals SMTP passwords with AES-256-GCM under the secret key, bound to their profile and server:
/// the profile id, host, port and login are the associated data (DESIGN.md §4), so a ciphertext
/// copied onto another profile, or left behind when the profile is pointed at another server or
/// login, does not open.
///
/// The stored form starts with a version byte. Version 2 is the bound form; version 1 (bound to
/// the profile id alone) is what releases before it stored: it still opens, reported as
/// `isLegacy`, so that the caller seals it again in the bound form at once.
public struct PasswordSealer: Sendable {
    private let key: SecretKey

    private static let legacyVersion: UInt8 = 1
    private static let version: UInt8 = 2

    public init(key: SecretKey) {
        self.key = key
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Wrong key, another profile's or server's ciphertext, or damaged bytes.
        case cannotOpen

        public var description: String { "the stored password cannot be opened with this key" }
    }

    /// A password opened by `open`.
    public struct Opened: Sendable, Equatable {
        public let password: String
        /// Sealed in the version 1 form (profile id only): seal it again with `seal`.
        public let isLegacy: Bool
    }

    /// The sealed form of `password`, bound to `binding`.
    public func seal(_ password: String, for binding: PasswordBinding) throws -> [UInt8] {
        let box = try AES.GCM.seal(Data(password.utf8), using: key.key, authenticating: Self.associatedData(binding))
        guard let combined = box.combined else { throw Failure.cannotOpen }
        return [Self.version] + Array(combined)
    }

    /// The password sealed by `seal` for the same binding and key (or by a release before
    /// version 2 for the same profile id).
    public func open(_ sealed: [UInt8], for binding: PasswordBinding) throws(Failure) -> Opened {
        guard let version = sealed.first, sealed.count > 1 + 12 + 16 else { throw .cannotOpen }
        let associatedData: Data
        switch version {
        case Self.version: associatedData = Self.associatedData(binding)
        case Self.legacyVersion: associatedData = Self.legacyAssociatedData(binding.profileID)
        default: throw .cannotOpen
        }
        do {
            let box = try AES.GCM.SealedBox(combined: Data(sealed.dropFirst()))
            let plain = try AES.GCM.open(box, using: key.key, authenticating: associatedData)
            guard let password = String(data: plain, encoding: .utf8) else { throw Failure.cannotOpen }
            return Opened(password: password, isLegacy: version == Self.legacyVersion)
        } catch {
            throw .cannotOpen
        }
    }

    /// Each part with its length in front, so no two bindings give the same bytes (a host ending
    /// in digits and a port cannot run into each other).
    static func associatedData(_ binding: PasswordBinding) -> Data {
        var data = Data("mailrobot password v2".utf8)
        for part in [String(binding.profileID), binding.host, String(binding.port), binding.login] {
            let bytes = Array(part.utf8)
            withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { data.append(contentsOf: $0) }
            data.append(contentsOf: bytes)
        }
        return data
    }

    static func legacyAssociatedData(_ profileID: Int64) -> Data {
        Data("mailrobot profile \(profileID)".utf8)
    }
}
