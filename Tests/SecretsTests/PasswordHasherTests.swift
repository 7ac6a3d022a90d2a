import Secrets
import Testing

@Suite struct PasswordHasherTests {
    /// Fewer rounds keep the suite fast; the production default is checked separately.
    let hasher = PasswordHasher(rounds: 1_000)

    @Test func verifiesTheRightPasswordOnly() throws {
        let stored = try hasher.hash("correct horse")
        #expect(hasher.verify("correct horse", against: stored))
        #expect(!hasher.verify("correct horsE", against: stored))
        #expect(!hasher.verify("", against: stored))
    }

    @Test func storesSchemeRoundsAndSalt() throws {
        let stored = try hasher.hash("x")
        let parts = stored.split(separator: "$")
        #expect(parts.count == 4)
        #expect(parts[0] == "pbkdf2-sha256")
        #expect(parts[1] == "1000")
        #expect(try hasher.hash("x") != stored)
    }

    @Test func productionStrengthIsOWASP() {
        #expect(PasswordHasher().rounds >= 600_000)
    }

    @Test func weakerStoredHashNeedsRehash() throws {
        let stored = try hasher.hash("x")
        #expect(PasswordHasher(rounds: 2_000).needsRehash(stored))
        #expect(!hasher.needsRehash(stored))
        #expect(PasswordHasher(rounds: 2_000).verify("x", against: stored))
    }

    @Test(arguments: ["", "garbage", "pbkdf2-sha256$abc$$", "pbkdf2-sha256$0$AAAA$AAAA", "md5$1$a$b"])
    func malformedStoredHashNeverMatches(stored: String) {
        #expect(!hasher.verify("x", against: stored))
    }
}
