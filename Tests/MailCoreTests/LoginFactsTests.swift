import MailCore
import Testing

@Suite struct LoginFactsTests {
    private func dialogue(_ lines: [(Transcript.Direction, String)]) -> Transcript {
        Transcript(lines: lines.map { Transcript.Line($0.0, $0.1) })
    }

    @Test func authInTheLastEHLOAnswerCounts() {
        // STARTTLS: the first answer offers no login, the one after the handshake does.
        let transcript = dialogue([
            (.server, "220 mail.shop.ru ESMTP"), (.client, "EHLO robot.shop.ru"), (.server, "250-mail.shop.ru"),
            (.server, "250-STARTTLS"), (.server, "250 SIZE 10240000"), (.client, "STARTTLS"),
            (.server, "220 2.0.0 Ready"), (.client, "EHLO robot.shop.ru"), (.server, "250-mail.shop.ru"),
            (.server, "250-AUTH PLAIN LOGIN"), (.server, "250 SIZE 10240000"), (.client, "AUTH PLAIN ****"),
            (.server, "235 2.7.0 Authentication successful"),
        ])
        let facts = LoginFacts(dialogue: transcript, security: .starttls, login: "shop@shop.ru")
        #expect(facts == LoginFacts(offeredAuth: true, hasLogin: true, encrypted: true))
        #expect(facts.warnings.isEmpty)
    }

    @Test func noAuthOfferedWithALoginSetIsSaid() {
        let transcript = dialogue([
            (.server, "220 relay ESMTP"), (.client, "EHLO robot.shop.ru"), (.server, "250-relay"),
            (.server, "250 8BITMIME"), (.client, "MAIL FROM:<shop@shop.ru>"), (.server, "250 2.1.0 Ok"),
        ])
        let facts = LoginFacts(dialogue: transcript, security: .none, login: "shop@shop.ru")
        #expect(facts.offeredAuth == false && facts.loginSkipped && !facts.passwordUnencrypted)
        #expect(facts.warnings.count == 1)
        #expect(facts.warnings.first?.ru.contains("логин и пароль не отправлялись") == true)
        // Without a login there is nothing to warn about.
        #expect(LoginFacts(dialogue: transcript, security: .none, login: "").warnings.isEmpty)
    }

    @Test func aPasswordWithoutEncryptionIsSaid() {
        let transcript = dialogue([
            (.server, "220 mail ESMTP"), (.client, "EHLO robot.shop.ru"), (.server, "250-mail"),
            (.server, "250 AUTH=LOGIN PLAIN"),
        ])
        let facts = LoginFacts(dialogue: transcript, security: .none, login: "shop@shop.ru")
        #expect(facts.offeredAuth == true && facts.passwordUnencrypted)
        #expect(facts.warnings.map(\.en).contains { $0.contains("unencrypted") })
        // The dialogue stopped before EHLO: the password would still go in the clear.
        let early = LoginFacts(dialogue: dialogue([(.info, "Connected")]), security: .none, login: "x")
        #expect(early.offeredAuth == nil && early.passwordUnencrypted)
    }
}
