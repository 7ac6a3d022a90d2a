import Foundation
import MailCore
import MailTestSupport
import SMTP
import Testing

/// Failures provoked for real: each must come back as the right step, in bounded time.
@Suite struct CurlSMTPTransportFailureTests {
    /// The longest any failing letter may take with `testTimeouts`: the longest single limit
    /// plus room for a loaded machine.
    let bound = Duration.seconds(7)

    @Test func wrongPasswordIsAnAuthFailure() throws {
        var options = SMTPTestServer.Options()
        options.auth = "shop@example.com:right"
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(timeouts: testTimeouts)
            .openSession(account(server, login: "shop@example.com", password: "wrong"))
        let result = session.send(letter())
        session.close()

        #expect(
            result
                == .failed(
                    .auth(
                        reply: SMTPReply(code: 535, enhancedCode: "5.7.8", text: "Authentication credentials invalid")
                    ),
                    dataSent: false
                )
        )
        #expect(!session.transcript.text.contains("wrong"))
    }

    @Test func nothingListeningIsAConnectFailure() throws {
        let port = freePort()
        let session = try CurlSMTPTransport(timeouts: testTimeouts)
            .openSession(
                SMTPAccount(
                    host: "127.0.0.1",
                    port: port,
                    security: .ssl,
                    login: "",
                    password: "",
                    allowPrivateHost: true
                )
            )
        let (result, elapsed) = timed { session.send(letter()) }
        guard case .failed(.connect(let detail), dataSent: false) = result else {
            Issue.record("expected a connect failure, got \(result)")
            return
        }
        #expect(detail.contains("127.0.0.1"))
        #expect(elapsed < bound)
    }

    @Test func aConnectThatNeverCompletesIsAConnectFailureAfterTheConnectTimeout() throws {
        let unanswered = UnansweredPort()
        let session = try CurlSMTPTransport(timeouts: testTimeouts)
            .openSession(
                SMTPAccount(
                    host: "127.0.0.1",
                    port: unanswered.port,
                    security: .none,
                    login: "",
                    password: "",
                    allowPrivateHost: true
                )
            )
        let (result, elapsed) = timed { session.send(letter()) }
        guard case .failed(.connect(let detail), dataSent: false) = result else {
            Issue.record("expected a connect failure, got \(result)")
            return
        }
        #expect(detail.lowercased().contains("timeout"))
        #expect(elapsed >= .seconds(3))
        #expect(elapsed < bound)
    }

    @Test func anUnknownHostIsADNSFailure() throws {
        let session = try CurlSMTPTransport(timeouts: testTimeouts)
            .openSession(
                SMTPAccount(host: "mail.nonexistent.invalid", port: 465, security: .ssl, login: "", password: "")
            )
        let (result, elapsed) = timed { session.send(letter()) }
        #expect(result.failure?.step == .dns, "\(result)")
        #expect(elapsed < bound)
    }

    @Test func implicitTLSToAStartTLSPortIsATLSFailure() throws {
        let certificates = try TestCertificates()
        var options = SMTPTestServer.Options(mode: .starttls)
        options.certificate = certificates.server
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(caFile: certificates.caFile, timeouts: testTimeouts)
            .openSession(account(server, host: "localhost", security: .ssl))
        let (result, elapsed) = timed { session.send(letter()) }
        #expect(result.failure?.step == .tls, "\(result)\n\(session.transcript.text)")
        #expect(result.dataSent == false)
        #expect(elapsed < bound)
    }

    @Test func startTLSToAnImplicitTLSPortTimesOutWaitingForTheGreeting() throws {
        let certificates = try TestCertificates()
        var options = SMTPTestServer.Options(mode: .tls)
        options.certificate = certificates.server
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(caFile: certificates.caFile, timeouts: testTimeouts)
            .openSession(account(server, host: "localhost", security: .starttls))
        let (result, elapsed) = timed { session.send(letter()) }
        #expect(result == .failed(.timeout(step: .greeting, seconds: 2), dataSent: false), "\(session.transcript.text)")
        #expect(elapsed >= .seconds(2))
        #expect(elapsed < bound)
    }

    @Test func startTLSNotOfferedIsATLSFailureNotAPlainLetter() throws {
        let server = try SMTPTestServer()
        let session = try CurlSMTPTransport(timeouts: testTimeouts)
            .openSession(account(server, security: .starttls))
        let result = session.send(letter())
        guard case .failed(.tls(let detail), dataSent: false) = result else {
            Issue.record("expected a TLS failure, got \(result)")
            return
        }
        #expect(detail.contains("STARTTLS"))
        #expect(try server.messages().isEmpty)
    }

    @Test(arguments: [SecurityMode.ssl, .starttls])
    func anUntrustedCertificateIsATLSFailure(security: SecurityMode) throws {
        let certificates = try TestCertificates()
        var options = SMTPTestServer.Options(mode: security == .ssl ? .tls : .starttls)
        options.certificate = certificates.untrusted
        options.auth = "shop@example.com:app-password"
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(caFile: certificates.caFile, timeouts: testTimeouts)
            .openSession(
                account(
                    server,
                    host: "localhost",
                    security: security,
                    login: "shop@example.com",
                    password: "app-password"
                )
            )
        let result = session.send(letter())
        guard case .failed(.tls(let detail), dataSent: false) = result else {
            Issue.record("expected a TLS failure, got \(result)")
            return
        }
        #expect(detail.contains("certificate"))
        #expect(!session.transcript.text.contains("AUTH"))
    }

    @Test func withoutTheExtraCATheTestCAIsNotTrusted() throws {
        let certificates = try TestCertificates()
        var options = SMTPTestServer.Options(mode: .tls)
        options.certificate = certificates.server
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(timeouts: testTimeouts)
            .openSession(account(server, host: "localhost", security: .ssl))
        #expect(session.send(letter()).failure?.step == .tls)
    }

    @Test func aServerThatNeverGreetsTimesOut() throws {
        var options = SMTPTestServer.Options()
        options.script = #"[{"cmd": "GREETING", "silent": true}]"#
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(account(server))
        let (result, elapsed) = timed { session.send(letter()) }
        #expect(result == .failed(.timeout(step: .greeting, seconds: 2), dataSent: false))
        #expect(elapsed < bound)
    }

    @Test func aBusyGreetingIsALostConnectionWithItsReply() throws {
        var options = SMTPTestServer.Options()
        options.script = #"[{"cmd": "GREETING", "reply": "421 4.7.0 Too busy, try later", "close": true}]"#
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(account(server))
        let result = session.send(letter())
        #expect(
            result
                == .failed(
                    .connectionLost(
                        step: .greeting,
                        reply: SMTPReply(code: 421, enhancedCode: "4.7.0", text: "Too busy, try later")
                    ),
                    dataSent: false
                )
        )
    }

    @Test func aServerThatWantsALoginSaysSoAtMail() throws {
        var options = SMTPTestServer.Options()
        options.auth = "shop@example.com:app-password"
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(account(server))
        let result = session.send(letter())
        #expect(
            result
                == .failed(
                    .auth(reply: SMTPReply(code: 530, enhancedCode: "5.7.0", text: "Authentication required")),
                    dataSent: false
                )
        )
    }

    @Test func aRefusedRecipientCarriesTheReplyAndTheNextLetterGoes() throws {
        var options = SMTPTestServer.Options()
        options.script = #"[{"cmd": "RCPT", "match": "bad@", "reply": "550 5.1.1 No such user"}]"#
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(account(server))
        let refused = session.send(letter(to: "bad@example.com"))
        let sent = session.send(letter(to: "good@example.com"))
        session.close()

        #expect(
            refused
                == .failed(
                    .recipientRefused(reply: SMTPReply(code: 550, enhancedCode: "5.1.1", text: "No such user")),
                    dataSent: false
                )
        )
        #expect(sent.isSent, "\(sent)")
        #expect(try server.messages().map(\.rcptTos) == [["good@example.com"]])
    }

    @Test func aRefusedSenderACommandAndAMessage() throws {
        var options = SMTPTestServer.Options()
        options.script = #"""
            [{"cmd": "MAIL", "count": 1, "reply": "553-5.7.1 Sender address\n553 5.7.1 not owned by user"},
             {"cmd": "DATA", "count": 1, "reply": "554 5.7.1 Relay access denied"},
             {"cmd": "DATA_END", "count": 1, "reply": "550 5.4.5 Daily user sending limit exceeded"}]
            """#
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(account(server))
        let sender = session.send(letter())
        let command = session.send(letter())
        let data = session.send(letter())
        session.close()

        #expect(
            sender
                == .failed(
                    .senderRefused(
                        reply: SMTPReply(code: 553, enhancedCode: "5.7.1", text: "Sender address not owned by user")
                    ),
                    dataSent: false
                )
        )
        #expect(
            command
                == .failed(
                    .dataRefused(reply: SMTPReply(code: 554, enhancedCode: "5.7.1", text: "Relay access denied")),
                    dataSent: false
                )
        )
        #expect(
            data
                == .failed(
                    .dataRefused(
                        reply: SMTPReply(code: 550, enhancedCode: "5.4.5", text: "Daily user sending limit exceeded")
                    ),
                    dataSent: true
                )
        )
    }

    @Test func closingWith421MidBatchLosesOneLetterAndTheRestReconnect() throws {
        var options = SMTPTestServer.Options()
        options.script =
            #"[{"cmd": "MAIL", "after_messages": 2, "times": 1, "reply": "421 4.7.0 Too many messages", "close": true}]"#
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(account(server))
        let results = (1...5).map { number in session.send(letter(subject: "Letter \(number)")) }
        session.close()

        #expect(results.map(\.isSent) == [true, true, false, true, true])
        #expect(
            results[2]
                == .failed(
                    .connectionLost(
                        step: .sender,
                        reply: SMTPReply(code: 421, enhancedCode: "4.7.0", text: "Too many messages")
                    ),
                    dataSent: false
                )
        )
        #expect(try server.messages().map(\.connection) == [1, 1, 2, 2])
    }

    @Test func noAnswerToTheFinalDotMeansTheDataWasSent() throws {
        var options = SMTPTestServer.Options()
        options.script = #"[{"cmd": "DATA_END", "silent": true}]"#
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(account(server))
        let (result, elapsed) = timed { session.send(letter()) }
        #expect(result == .failed(.timeout(step: .data, seconds: 2), dataSent: true))
        #expect(elapsed < bound)
    }

    @Test func aConnectionDroppedMidDataLosesTheLetterBeforeTheDot() throws {
        var options = SMTPTestServer.Options()
        options.script = #"[{"cmd": "DATA", "drop": true, "drop_after_bytes": 4096}]"#
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(account(server))
        let (result, elapsed) = timed { session.send(bigLetter(size: 16_000_000)) }
        #expect(
            result == .failed(.connectionLost(step: .data, reply: nil), dataSent: false),
            "\(session.transcript.text)"
        )
        #expect(!session.transcript.text.contains("(message of"), "the message never went whole")
        #expect(elapsed < bound)
    }

    @Test func aConnectionClosedAfterTheDotIsAmbiguous() throws {
        var options = SMTPTestServer.Options()
        options.script = #"[{"cmd": "DATA_END", "drop": true}]"#
        let server = try SMTPTestServer(options)
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(account(server))
        let result = session.send(letter())
        #expect(result == .failed(.connectionLost(step: .data, reply: nil), dataSent: true))
    }

    @Test func anInvalidHostIsRefusedBeforeLibcurlSeesIt() throws {
        let session = try CurlSMTPTransport(timeouts: testTimeouts)
            .openSession(SMTPAccount(host: "evil.example/path", port: 25, security: .none, login: "", password: ""))
        #expect(session.send(letter()).failure?.step == .dns)
    }
}
