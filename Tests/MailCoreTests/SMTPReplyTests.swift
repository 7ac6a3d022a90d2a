import MailCore
import Testing

@Suite struct SMTPReplyTests {
    @Test func parsesCodeEnhancedCodeAndText() {
        let reply = SMTPReply(parsing: "550 5.1.1 <bad@example.com>: Recipient address rejected")
        #expect(
            reply == SMTPReply(code: 550, enhancedCode: "5.1.1", text: "<bad@example.com>: Recipient address rejected")
        )
    }

    @Test func joinsMultiLineRepliesAndDropsRepeatedEnhancedCodes() {
        let reply = SMTPReply(lines: [
            "550-5.7.1 Our system has detected",
            "550-5.7.1 an unusual rate of",
            "550 5.7.1 unsolicited mail.",
        ])
        #expect(
            reply
                == SMTPReply(
                    code: 550,
                    enhancedCode: "5.7.1",
                    text: "Our system has detected an unusual rate of unsolicited mail."
                )
        )
    }

    @Test func repliesWithoutEnhancedCode() {
        #expect(SMTPReply(parsing: "250 OK") == SMTPReply(code: 250, text: "OK"))
        #expect(SMTPReply(parsing: "221") == SMTPReply(code: 221, text: ""))
        #expect(SMTPReply(parsing: "334 ") == SMTPReply(code: 334, text: ""))
        #expect(
            SMTPReply(parsing: "250 2.0 not an enhanced code") == SMTPReply(code: 250, text: "2.0 not an enhanced code")
        )
        #expect(
            SMTPReply(parsing: "421 3.4.5 class 3 does not exist")
                == SMTPReply(code: 421, text: "3.4.5 class 3 does not exist")
        )
        #expect(SMTPReply(parsing: "250 2.0.0") == SMTPReply(code: 250, enhancedCode: "2.0.0", text: ""))
    }

    @Test func continuationLinesMayOmitTheEnhancedCode() {
        let reply = SMTPReply(lines: ["250-mail.example.com", "250-SIZE 1000", "250 HELP"])
        #expect(reply == SMTPReply(code: 250, text: "mail.example.com SIZE 1000 HELP"))
    }

    @Test(arguments: ["", "OK", "25", "2500 x", "abc def", "650 no such class", "250x"])
    func refusesLinesWithoutCode(line: String) {
        #expect(SMTPReply(parsing: line) == nil)
    }

    @Test func refusesRepliesWithABadContinuationLine() {
        #expect(SMTPReply(lines: ["250-first", "garbage"]) == nil)
        #expect(SMTPReply(lines: []) == nil)
    }

    @Test func recognisesTheLastLine() {
        #expect(SMTPReply.isLastLine("250 OK"))
        #expect(SMTPReply.isLastLine("221"))
        #expect(!SMTPReply.isLastLine("250-SIZE 1000"))
        #expect(!SMTPReply.isLastLine("hello"))
    }

    @Test func descriptionReadsLikeTheServer() {
        #expect(
            SMTPReply(code: 550, enhancedCode: "5.1.1", text: "No such user").description == "550 5.1.1 No such user"
        )
        #expect(SMTPReply(code: 221, text: "").description == "221")
    }
}
