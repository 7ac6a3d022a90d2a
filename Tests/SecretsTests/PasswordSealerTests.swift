import Crypto
import Foundation
import Testing

@testable import Secrets

@Suite struct PasswordSealerTests {
    let binding = PasswordBinding(profileID: 7, host: "smtp.example.com", port: 465, login: "shop@example.com")

    @Test func roundTrip() throws {
        let sealer = PasswordSealer(key: .random())
        let sealed = try sealer.seal("пароль-приложения 123", for: binding)
        let opened = try sealer.open(sealed, for: binding)
        #expect(opened.password == "пароль-приложения 123")
        #expect(!opened.isLegacy)
        #expect(!String(decoding: sealed, as: UTF8.self).contains("123"))
    }

    @Test func sealingTwiceGivesDifferentBytes() throws {
        let sealer = PasswordSealer(key: .random())
        #expect(try sealer.seal("x", for: binding) != sealer.seal("x", for: binding))
    }

    @Test func wrongKeyDoesNotOpen() throws {
        let sealed = try PasswordSealer(key: .random()).seal("secret", for: binding)
        #expect(throws: PasswordSealer.Failure.cannotOpen) {
            try PasswordSealer(key: .random()).open(sealed, for: binding)
        }
    }

    /// Copied onto another profile, or left behind when the profile's host, port or login
    /// changed, the ciphertext does not open.
    @Test(arguments: [
        PasswordBinding(profileID: 8, host: "smtp.example.com", port: 465, login: "shop@example.com"),
        PasswordBinding(profileID: 7, host: "attacker.example", port: 465, login: "shop@example.com"),
        PasswordBinding(profileID: 7, host: "smtp.example.com", port: 25, login: "shop@example.com"),
        PasswordBinding(profileID: 7, host: "smtp.example.com", port: 465, login: "other@example.com"),
    ])
    func ciphertextBoundToAnotherProfileOrServerDoesNotOpen(other: PasswordBinding) throws {
        let sealer = PasswordSealer(key: .random())
        let sealed = try sealer.seal("secret", for: binding)
        #expect(throws: PasswordSealer.Failure.cannotOpen) { try sealer.open(sealed, for: other) }
    }

    /// Each part is length-prefixed: moving digits between host and port, or characters between
    /// host and login, gives other associated data.
    @Test func bindingPartsCannotRunIntoEachOther() {
        let pairs = [
            (
                PasswordBinding(profileID: 1, host: "mail1", port: 25, login: "a"),
                PasswordBinding(profileID: 1, host: "mail", port: 125, login: "a")
            ),
            (
                PasswordBinding(profileID: 1, host: "ab", port: 25, login: "c"),
                PasswordBinding(profileID: 1, host: "a", port: 25, login: "bc")
            ),
            (
                PasswordBinding(profileID: 12, host: "x", port: 25, login: "c"),
                PasswordBinding(profileID: 1, host: "2x", port: 25, login: "c")
            ),
        ]
        for (one, other) in pairs {
            #expect(PasswordSealer.associatedData(one) != PasswordSealer.associatedData(other))
        }
    }

    /// A password sealed by an older release (version 1: bound to the profile id only) still
    /// opens for its profile, marked for sealing again, and never for another profile.
    @Test func legacyFormOpensForItsProfileOnly() throws {
        let key = SecretKey.random()
        let box = try AES.GCM.seal(
            Data("old-secret".utf8),
            using: key.key,
            authenticating: PasswordSealer.legacyAssociatedData(7)
        )
        let legacy = [UInt8(1)] + Array(try #require(box.combined))
        let sealer = PasswordSealer(key: key)
        let opened = try sealer.open(legacy, for: binding)
        #expect(opened == PasswordSealer.Opened(password: "old-secret", isLegacy: true))
        var elsewhere = binding
        elsewhere.profileID = 8
        #expect(throws: PasswordSealer.Failure.cannotOpen) { try sealer.open(legacy, for: elsewhere) }
    }

    @Test func damagedBytesDoNotOpen() throws {
        let sealer = PasswordSealer(key: .random())
        var sealed = try sealer.seal("secret", for: binding)
        sealed[sealed.count - 1] ^= 1
        #expect(throws: PasswordSealer.Failure.cannotOpen) { try sealer.open(sealed, for: binding) }
        #expect(throws: PasswordSealer.Failure.cannotOpen) { try sealer.open([], for: binding) }
        var unknownVersion = try sealer.seal("secret", for: binding)
        unknownVersion[0] = 3
        #expect(throws: PasswordSealer.Failure.cannotOpen) { try sealer.open(unknownVersion, for: binding) }
    }
}
