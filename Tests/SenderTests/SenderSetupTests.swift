import Crypto
import Foundation
import MailCore
import MailTestSupport
import Testing

@testable import Secrets
@testable import Sender
@testable import Storage

/// Opening a profile's password for a run or a check: it opens only for the profile and server
/// it was typed for.
@Suite struct SenderSetupTests {
    let h: SenderHarness

    init() throws {
        h = try SenderHarness()
    }

    private func check(_ id: Int64, _ transport: ScriptedTransport) throws -> ProfileCheck.Outcome.Result {
        try ProfileCheck(h.setup(transport)).run(profile: try h.profile(id), to: "admin@example.com").result
    }

    private func sealed(_ id: Int64) throws -> [UInt8] {
        try require(try ProfileStore(h.db).sealedPassword(id: id))
    }

    @Test func aCiphertextCopiedToAnotherProfileDoesNotOpen() throws {
        let first = try h.addProfile("Первый")
        let second = try h.addProfile("Второй")
        try h.db.execute("UPDATE profiles SET password_sealed = ? WHERE id = ?", [try sealed(first), second])
        let transport = ScriptedTransport.acceptingAll()
        #expect(try check(second, transport) == .refused(ProfileCheck.passwordUnreadable))
        #expect(transport.sessionsOpened == 0)
    }

    /// Pointed at another server behind the store's back (straight in the database), the old
    /// ciphertext does not open: the password never reaches that server.
    @Test(arguments: [
        "host = 'attacker.example'", "port = 2525", "login = 'other@example.com'",
    ])
    func aCiphertextLeftBehindByAnotherServerDoesNotOpen(change: String) throws {
        let id = try h.addProfile("Магазин")
        try h.db.execute("UPDATE profiles SET \(change) WHERE id = ?", [id])
        let transport = ScriptedTransport.acceptingAll()
        #expect(try check(id, transport) == .refused(ProfileCheck.passwordUnreadable))
        #expect(transport.sessionsOpened == 0)
    }

    @Test func aPasswordDroppedByTheFormSaysSoToTheCheckAndTheRun() throws {
        let id = try h.addProfile("Магазин")
        var settings = Fixtures.settings(name: "Магазин")
        settings.newPassword = nil
        settings.host = "smtp2.example.com"
        try ProfileStore(h.db).update(id: id, settings, now: h.clock.now(), seal: { try h.sealer.seal($0, for: $1) })
        let transport = ScriptedTransport.acceptingAll()
        #expect(try check(id, transport) == .refused(ProfileCheck.passwordMissing))
        try h.enqueue()
        let report = try h.run(transport)
        #expect(report.problems.contains { $0.contains("has no password") })
        #expect(transport.sessionsOpened == 0)
    }

    /// A password sealed by a release before version 2 (bound to the profile id only) still works,
    /// and is sealed again, bound to its server, the first time it is used.
    @Test func aLegacyPasswordIsSealedAgainOnFirstUse() throws {
        let key = SecretKey.random()
        let h = try SenderHarness(key: key)
        let id = try h.addProfile("Магазин")
        let box = try AES.GCM.seal(
            Data("old-app-password".utf8),
            using: key.key,
            authenticating: PasswordSealer.legacyAssociatedData(id)
        )
        let legacy = [UInt8(1)] + Array(try require(box.combined))
        try h.db.execute("UPDATE profiles SET password_sealed = ? WHERE id = ?", [legacy, id])
        let transport = ScriptedTransport.acceptingAll()
        guard
            case .sent = try ProfileCheck(h.setup(transport)).run(profile: try h.profile(id), to: "a@example.com")
                .result
        else {
            Issue.record("the legacy password did not open")
            return
        }
        #expect(transport.accounts.first?.password == "old-app-password")
        let resealed = try require(try ProfileStore(h.db).sealedPassword(id: id))
        #expect(resealed.first == 2)
        let opened = try h.sealer.open(resealed, for: PasswordBinding(try h.profile(id)))
        #expect(opened == PasswordSealer.Opened(password: "old-app-password", isLegacy: false))
    }

    @Test func theAccountCarriesTheProfilesPermissions() throws {
        var settings = Fixtures.settings(name: "Местный")
        settings.allowPrivateHost = true
        let id = try ProfileStore(h.db).create(settings, now: h.clock.now(), seal: { try h.sealer.seal($0, for: $1) })
        let transport = ScriptedTransport.acceptingAll()
        _ = try check(id, transport)
        let account = try require(transport.accounts.first)
        #expect(account.allowPrivateHost && !account.allowPlainAuth)
        #expect(account.host == "smtp.example.com" && account.password == "app-password")
    }
}
