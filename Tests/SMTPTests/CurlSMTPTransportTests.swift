import Foundation
import MailCore
import MailTestSupport
import SMTP
import Testing

/// Letters sent for real to the test SMTP server.
@Suite struct CurlSMTPTransportTests {
    @Test func plainLetterArrives() throws {
        let server = try SMTPTestServer()
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(account(server))
        let sent = letter(to: "ivan@example.com")
        let result = session.send(sent)
        session.close()

        guard case .sent(let reply) = result else {
            Issue.record("not sent: \(result)\n\(session.transcript.text)")
            return
        }
        #expect(reply == SMTPReply(code: 250, enhancedCode: "2.0.0", text: "OK: queued"))
        let messages = try server.messages()
        #expect(messages.count == 1)
        #expect(messages.first?.mailFrom == "shop@example.com")
        #expect(messages.first?.rcptTos == ["ivan@example.com"])
        #expect(messages.first?.content == sent.message)
    }

    @Test(arguments: [SecurityMode.starttls, .ssl])
    func tlsLetterArrives(security: SecurityMode) throws {
        let certificates = try TestCertificates()
        var options = SMTPTestServer.Options(mode: security == .ssl ? .tls : .starttls)
        options.certificate = certificates.server
        options.auth = "shop@example.com:app-password"
        let server = try SMTPTestServer(options)
        let transport = try CurlSMTPTransport(caFile: certificates.caFile, timeouts: testTimeouts)
        let session = transport.openSession(
            account(server, host: "localhost", security: security, login: "shop@example.com", password: "app-password")
        )
        let result = session.send(letter())
        session.close()

        #expect(result.isSent, "\(result)\n\(session.transcript.text)")
        #expect(try server.messages().count == 1)
        let text = session.transcript.text
        #expect(text.contains("SSL connection using"))
        #expect(text.contains("C: STARTTLS") == (security == .starttls))
        let login = LoginFacts(dialogue: session.transcript, security: security, login: "shop@example.com")
        #expect(login == LoginFacts(offeredAuth: true, hasLogin: true, encrypted: true))
    }

    /// A server that offers no AUTH: libcurl sends no login at all, silently; the dialogue shows
    /// it, so «Проверка профиля» can say so.
    @Test func aLoginTheServerNeverOfferedIsSeenInTheDialogue() throws {
        let server = try SMTPTestServer()
        let session = try CurlSMTPTransport(timeouts: testTimeouts)
            .openSession(account(server, login: "shop@example.com", password: "secret"))
        let result = session.send(letter())
        session.close()
        #expect(result.isSent, "\(result)\n\(session.transcript.text)")
        #expect(!session.transcript.text.contains("C: AUTH"))
        let login = LoginFacts(dialogue: session.transcript, security: .none, login: "shop@example.com")
        #expect(login.offeredAuth == false && login.loginSkipped)
        #expect(login.warnings.first?.ru.contains("логин и пароль не отправлялись") == true)
    }

    /// Strict servers refuse `EHLO vm`: the greeting is the machine's FQDN (as `hostname -f` finds
    /// it), else the sender's domain — never libcurl's bare `gethostname()`.
    @Test func greetsWithAFullyQualifiedName() throws {
        let server = try SMTPTestServer()
        let sender = DomainName("shop.example")!
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(
            SMTPAccount(
                host: "127.0.0.1",
                port: server.port,
                security: .none,
                login: "",
                password: "",
                senderDomain: sender,
                allowPrivateHost: true
            )
        )
        let result = session.send(letter())
        session.close()

        #expect(result.isSent, "\(result)\n\(session.transcript.text)")
        let expected = try #require(EHLOName.choose(machineName: try hostnameF(), senderDomain: sender))
        #expect(try server.messages().first?.helo == expected.ascii)
        #expect(session.transcript.text.contains("C: EHLO \(expected.ascii)"))
    }

    @Test func lettersOfASessionShareOneConnection() throws {
        let server = try SMTPTestServer()
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(account(server))
        for number in 1...3 {
            let result = session.send(letter(subject: "Letter \(number)"))
            #expect(result.isSent, "\(result)")
        }
        session.close()

        #expect(try server.messages().map(\.connection) == [1, 1, 1])
        let lines = session.transcript.lines
        #expect(lines.filter { $0.direction == .server && $0.text.hasPrefix("220 ") }.count == 1)
        #expect(lines.filter { $0.direction == .client && $0.text.hasPrefix("MAIL FROM:") }.count == 3)
    }

    @Test(arguments: ["LOGIN", "PLAIN"])
    func loginWorksAndNeverReachesTheTranscript(mechanism: String) throws {
        let user = "shop@example.com"
        let password = "Very-Secret-Pa55"
        var options = SMTPTestServer.Options()
        options.auth = "\(user):\(password)"
        options.authMechanisms = [mechanism]
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(timeouts: testTimeouts)
            .openSession(account(server, login: user, password: password))
        let result = session.send(letter())
        session.close()

        #expect(result.isSent, "\(result)\n\(session.transcript.text)")
        let text = session.transcript.text
        #expect(text.contains("C: AUTH \(mechanism)"))
        #expect(text.contains("S: 235"))
        for secret in [password, base64(password), base64("\0\(user)\0\(password)"), base64(user)] {
            #expect(!text.contains(secret), "\(secret) in\n\(text)")
        }
        let afterAuth = session.transcript.lines.drop { !$0.text.hasPrefix("AUTH") }.dropFirst()
        let clientLines = afterAuth.prefix { !$0.text.hasPrefix("235") }.filter { $0.direction == .client }
        #expect(clientLines.count == (mechanism == "LOGIN" ? 2 : 1))
        #expect(clientLines.allSatisfy { $0.text == "****" })
    }

    @Test func aSlowServerWithinTheLimitsIsFine() throws {
        var options = SMTPTestServer.Options()
        options.delayMilliseconds = 700
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(account(server))
        let result = session.send(letter())
        session.close()
        #expect(result.isSent, "\(result)")
    }

    @Test func theTranscriptLeavesTheMessageOut() throws {
        let server = try SMTPTestServer()
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(account(server))
        let sent = letter(subject: "Secret order details", body: "Card ending 4242")
        _ = session.send(sent)
        session.close()

        let text = session.transcript.text
        #expect(!text.contains("Secret order details"))
        // Not the digits alone: the server's random port may hold them.
        #expect(!text.contains("Card ending"))
        #expect(text.contains("(message of \(sent.message.count) bytes)"))
    }

    @Test func aMissingCAFileIsRefusedAtOnce() {
        #expect(throws: CurlSMTPTransport.CAFileError.unreadable(path: "/nonexistent/ca.pem")) {
            try CurlSMTPTransport(caFile: "/nonexistent/ca.pem")
        }
        let folder = TemporaryDirectory()
        let path = folder.file("not-a-ca.pem")
        #expect(FileManager.default.createFile(atPath: path, contents: Data("hello".utf8)))
        #expect(throws: CurlSMTPTransport.CAFileError.noCertificate(path: path)) {
            try CurlSMTPTransport(caFile: path)
        }
    }

    private func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}
