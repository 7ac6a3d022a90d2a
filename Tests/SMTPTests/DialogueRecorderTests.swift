import MailCore
import Testing

@testable import SMTP

@Suite struct DialogueRecorderTests {
    private func feed(_ recorder: DialogueRecorder, _ dialogue: [(Transcript.Direction, String)]) {
        for (direction, text) in dialogue {
            let bytes = Array(text.utf8)
            switch direction {
            case .client: recorder.sent(bytes)
            case .server: recorder.received(bytes)
            case .info: recorder.text(bytes)
            }
        }
    }

    @Test func masksTheLoginAsItIsRecorded() {
        let recorder = DialogueRecorder(implicitTLS: false)
        recorder.beginLetter()
        feed(
            recorder,
            [
                (.server, "220 mail.test ESMTP\r\n"),
                (.client, "EHLO shop\r\n"),
                (.server, "250-mail.test\r\n250 AUTH LOGIN PLAIN\r\n"),
                (.client, "AUTH LOGIN\r\n"),
                (.server, "334 VXNlcm5hbWU6\r\n"),
                (.client, "c2hvcEBleGFtcGxlLmNvbQ==\r\n"),
                (.server, "334 UGFzc3dvcmQ6\r\n"),
                (.client, "c2VjcmV0\r\n"),
                (.server, "235 2.7.0 Accepted\r\n"),
                (.client, "MAIL FROM:<shop@example.com>\r\n"),
            ]
        )
        let text = recorder.transcript.text
        #expect(!text.contains("c2VjcmV0"))
        #expect(!text.contains("c2hvcEBleGFtcGxlLmNvbQ=="))
        #expect(
            text == """
                S: 220 mail.test ESMTP
                C: EHLO shop
                S: 250-mail.test
                S: 250 AUTH LOGIN PLAIN
                C: AUTH LOGIN
                S: 334 VXNlcm5hbWU6
                C: ****
                S: 334 UGFzc3dvcmQ6
                C: ****
                S: 235 2.7.0 Accepted
                C: MAIL FROM:<shop@example.com>
                """
        )
    }

    @Test func masksAnInitialResponseSplitAcrossCallbacks() {
        let recorder = DialogueRecorder(implicitTLS: false)
        recorder.beginLetter()
        feed(recorder, [(.client, "AUTH PLAIN AHNob3AA"), (.client, "c2VjcmV0\r\n")])
        #expect(recorder.transcript.lines == [Transcript.Line(.client, "AUTH PLAIN ****")])
    }

    @Test func anUnfinishedLineIsMaskedWhenTheLetterEnds() {
        let recorder = DialogueRecorder(implicitTLS: false)
        recorder.beginLetter()
        feed(recorder, [(.client, "AUTH PLAIN\r\n"), (.server, "334 \r\n"), (.client, "AHNob3AAc2Vj")])
        recorder.endLetter()
        #expect(recorder.transcript.lines.last == Transcript.Line(.client, "****"))
    }

    @Test func tracksTheStepAndTheReplyToTheLastCommand() {
        let recorder = DialogueRecorder(implicitTLS: true)
        recorder.beginLetter()
        #expect(recorder.facts == .init(step: .connect, reply: nil))
        feed(recorder, [(.info, "Connected to mail.test (192.0.2.1) port 465 (#0)\n")])
        #expect(recorder.facts.step == .tls)
        feed(recorder, [(.info, "SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384\n"), (.server, "220 hi\r\n")])
        #expect(recorder.facts == .init(step: .greeting, reply: SMTPReply(code: 220, text: "hi")))
        feed(recorder, [(.client, "MAIL FROM:<a@example.com>\r\n")])
        #expect(recorder.facts == .init(step: .sender, reply: nil))
        feed(recorder, [(.server, "250 OK\r\n"), (.client, "RCPT TO:<b@example.com>\r\n")])
        #expect(recorder.facts == .init(step: .recipient, reply: nil))
        feed(recorder, [(.server, "550-5.1.1 No such\r\n"), (.server, "550 5.1.1 user\r\n")])
        let refusal = SMTPReply(code: 550, enhancedCode: "5.1.1", text: "No such user")
        #expect(recorder.facts == .init(step: .recipient, reply: refusal))
        feed(recorder, [(.client, "QUIT\r\n"), (.server, "221 Bye\r\n")])
        #expect(recorder.facts == .init(step: .recipient, reply: refusal), "the goodbye does not hide the refusal")
    }

    @Test func aReusedConnectionStartsAtTheSender() {
        let recorder = DialogueRecorder(implicitTLS: false)
        recorder.beginLetter()
        feed(recorder, [(.info, "Re-using existing connection #0 with host mail.test\n")])
        #expect(recorder.facts.step == .sender)
    }

    @Test func leavesOutTheTLSHandshakeTraceAndControlCharacters() {
        let recorder = DialogueRecorder(implicitTLS: true)
        feed(
            recorder,
            [
                (.info, "TLSv1.3 (OUT), TLS handshake, Client hello (1):\n"),
                (.info, "  Trying 127.0.0.1:465...\n"),
                (.server, "334 User\u{0}Name\r\n"),
            ]
        )
        #expect(
            recorder.transcript.lines == [
                Transcript.Line(.info, "Trying 127.0.0.1:465..."), Transcript.Line(.server, "334 User?Name"),
            ]
        )
    }

    @Test func keepsTheLatestLinesWhenTheTranscriptGrowsTooLong() {
        let recorder = DialogueRecorder(implicitTLS: false, maxLines: 8, maxLineLength: 10)
        for number in 1...20 { recorder.note("line \(number)") }
        recorder.note(String(repeating: "x", count: 50))
        let lines = recorder.transcript.lines
        #expect(lines.count <= 9)
        #expect(lines.first?.text.hasSuffix("earlier lines not kept)") == true)
        #expect(lines.dropLast().last?.text == "line 20")
        #expect(lines.last?.text == String(repeating: "x", count: 10) + "…")
    }
}
