import MailCore
import Testing

@testable import SMTP

@Suite struct DeliveryClassifierTests {
    private let ok = SMTPReply(code: 250, enhancedCode: "2.0.0", text: "queued")

    private func classify(
        _ outcome: CurlOutcome,
        step: SMTPStep,
        reply: SMTPReply? = nil,
        responseCode: Int = 0,
        detail: String = "detail",
        dataSent: Bool = false,
        replySeconds: Int? = nil
    ) -> DeliveryResult {
        DeliveryClassifier.result(
            outcome,
            detail: detail,
            facts: .init(step: step, reply: reply),
            responseCode: responseCode,
            dataSent: dataSent,
            replySeconds: replySeconds
        )
    }

    @Test func successCarriesTheReplyToTheFinalDot() {
        #expect(classify(.ok, step: .data, reply: ok, responseCode: 250) == .sent(reply: ok))
        #expect(classify(.ok, step: .data, responseCode: 250) == .sent(reply: SMTPReply(code: 250, text: "")))
    }

    @Test func refusalsAreDecidedByTheStepOfTheCommand() {
        let refusal = SMTPReply(code: 550, enhancedCode: "5.1.1", text: "No such user")
        #expect(
            classify(.failed, step: .sender, reply: refusal) == .failed(.senderRefused(reply: refusal), dataSent: false)
        )
        #expect(
            classify(.failed, step: .recipient, reply: refusal)
                == .failed(.recipientRefused(reply: refusal), dataSent: false)
        )
        #expect(
            classify(.failed, step: .data, reply: refusal, dataSent: true)
                == .failed(.dataRefused(reply: refusal), dataSent: true)
        )
        #expect(classify(.failed, step: .auth, reply: refusal) == .failed(.auth(reply: refusal), dataSent: false))
        #expect(
            classify(.failed, step: .greeting, reply: refusal)
                == .failed(.connectionLost(step: .greeting, reply: refusal), dataSent: false)
        )
        let temporary = SMTPReply(code: 454, text: "TLS not available due to temporary reason")
        #expect(
            classify(.failed, step: .tls, reply: temporary)
                == .failed(.connectionLost(step: .tls, reply: temporary), dataSent: false),
            "a 4xx to STARTTLS is retried, not a broken profile"
        )
        #expect(
            classify(.failed, step: .tls, reply: SMTPReply(code: 554, text: "TLS refused"))
                == .failed(.tls(detail: "554 TLS refused"), dataSent: false)
        )
    }

    @Test(arguments: [
        "OpenSSL SSL_connect: Connection reset by peer in connection to mail.example:465",
        "Recv failure: Connection reset by peer",
        "OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to mail.example:465",
        "error:0A000126:SSL routines::unexpected eof while reading",
    ])
    func aHandshakeCutShortIsALostConnection(detail: String) {
        let result = classify(.tls, step: .tls, detail: detail)
        #expect(result == .failed(.connectionLost(step: .tls, reply: nil), dataSent: false))
        if case .failed(let failure, _) = result { #expect(failure.disposition == .temporary) }
    }

    @Test(arguments: [
        "SSL certificate problem: unable to get local issuer certificate",
        "error:0A00010B:SSL routines::wrong version number",
        "SSL: no alternative certificate subject name matches target host name 'mail.example'",
    ])
    func aRefusedHandshakeStaysATLSFailure(detail: String) {
        #expect(classify(.tls, step: .tls, detail: detail) == .failed(.tls(detail: detail), dataSent: false))
    }

    @Test func theResponseCodeStandsInForAReplyThatWasNotRecorded() {
        #expect(
            classify(.failed, step: .recipient, responseCode: 451)
                == .failed(.recipientRefused(reply: SMTPReply(code: 451, text: "")), dataSent: false)
        )
    }

    @Test func fourTwentyOneIsALostConnectionAndFiveThirtyAMissingLogin() {
        let closing = SMTPReply(code: 421, enhancedCode: "4.7.0", text: "Too many")
        #expect(
            classify(.failed, step: .sender, reply: closing)
                == .failed(.connectionLost(step: .sender, reply: closing), dataSent: false)
        )
        let login = SMTPReply(code: 530, enhancedCode: "5.7.0", text: "Authentication required")
        #expect(classify(.failed, step: .sender, reply: login) == .failed(.auth(reply: login), dataSent: false))
    }

    @Test func aConnectionLostAfterAPositiveReplyDoesNotCarryIt() {
        let goAhead = SMTPReply(code: 354, text: "Go ahead")
        #expect(
            classify(.failed, step: .data, reply: goAhead, responseCode: 354, dataSent: true)
                == .failed(.connectionLost(step: .data, reply: nil), dataSent: true)
        )
        #expect(
            classify(.failed, step: .recipient, reply: ok)
                == .failed(.connectionLost(step: .recipient, reply: nil), dataSent: false)
        )
    }

    @Test func networkAndTLSFailuresKeepLibcurlsDetail() {
        #expect(
            classify(.couldNotResolve, step: .connect, detail: "no such host")
                == .failed(.dns(detail: "no such host"), dataSent: false)
        )
        #expect(
            classify(.couldNotConnect, step: .connect, detail: "refused")
                == .failed(.connect(detail: "refused"), dataSent: false)
        )
        #expect(
            classify(.tls, step: .tls, detail: "SSL certificate problem")
                == .failed(.tls(detail: "SSL certificate problem"), dataSent: false)
        )
    }

    @Test func timeoutsHappenAtTheStepReached() {
        #expect(
            classify(.timedOut, step: .connect, detail: "Connection timed out after 3001 ms")
                == .failed(.connect(detail: "Connection timed out after 3001 ms"), dataSent: false)
        )
        #expect(
            classify(.timedOut, step: .connect, detail: "Resolving timed out after 3000 milliseconds")
                == .failed(.dns(detail: "Resolving timed out after 3000 milliseconds"), dataSent: false)
        )
        #expect(classify(.timedOut, step: .greeting) == .failed(.timeout(step: .greeting), dataSent: false))
        #expect(classify(.timedOut, step: .tls) == .failed(.timeout(step: .tls), dataSent: false))
        #expect(
            classify(.timedOut, step: .data, reply: SMTPReply(code: 354, text: ""), dataSent: true)
                == .failed(.timeout(step: .data), dataSent: true)
        )
    }

    /// «нет ответа за N с»: libcurl's own count when it gives one (the whole-letter limit), else
    /// the limit on each reply.
    @Test func aTimeoutCarriesHowLongItWaited() {
        #expect(
            classify(.timedOut, step: .greeting, detail: "Server response timeout", replySeconds: 30)
                == .failed(.timeout(step: .greeting, seconds: 30), dataSent: false)
        )
        #expect(
            classify(
                .timedOut,
                step: .data,
                detail: "Operation timed out after 60001 milliseconds with 0 bytes received",
                replySeconds: 30
            ) == .failed(.timeout(step: .data, seconds: 60), dataSent: false)
        )
    }

    @Test func aDeniedLoginCarriesOnlyARefusal() {
        let denied = SMTPReply(code: 535, enhancedCode: "5.7.8", text: "Bad credentials")
        #expect(classify(.loginDenied, step: .auth, reply: denied) == .failed(.auth(reply: denied), dataSent: false))
        #expect(
            classify(.loginDenied, step: .greeting, reply: SMTPReply(code: 250, text: "HELP"))
                == .failed(.auth(reply: nil), dataSent: false)
        )
    }
}
