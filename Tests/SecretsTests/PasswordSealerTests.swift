import Foundation
import Secrets
import Testing

@Suite struct PasswordSealerTests {
    @Test func roundTrip() throws {
        let sealer = PasswordSealer(key: .random())
        let sealed = try sealer.seal("пароль-приложения 123", profileID: 7)
        #expect(try sealer.open(sealed, profileID: 7) == "пароль-приложения 123")
        #expect(!String(decoding: sealed, as: UTF8.self).contains("123"))
    }

    @Test func sealingTwiceGivesDifferentBytes() throws {
        let sealer = PasswordSealer(key: .random())
        #expect(try sealer.seal("x", profileID: 1) != sealer.seal("x", profileID: 1))
    }

    @Test func wrongKeyDoesNotOpen() throws {
        let sealed = try PasswordSealer(key: .random()).seal("secret", profileID: 1)
        #expect(throws: PasswordSealer.Failure.cannotOpen) {
            try PasswordSealer(key: .random()).open(sealed, profileID: 1)
        }
    }

    @Test func ciphertextCopiedToAnotherProfileDoesNotOpen() throws {
        let sealer = PasswordSealer(key: .random())
        let sealed = try sealer.seal("secret", profileID: 1)
        #expect(throws: PasswordSealer.Failure.cannotOpen) { try sealer.open(sealed, profileID: 2) }
    }

    @Test func damagedBytesDoNotOpen() throws {
        let sealer = PasswordSealer(key: .random())
        var sealed = try sealer.seal("secret", profileID: 1)
        sealed[sealed.count - 1] ^= 1
        #expect(throws: PasswordSealer.Failure.cannotOpen) { try sealer.open(sealed, profileID: 1) }
        #expect(throws: PasswordSealer.Failure.cannotOpen) { try sealer.open([], profileID: 1) }
    }
}
