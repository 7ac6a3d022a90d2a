import Testing

@testable import SMTP

@Suite struct AuthMaskerTests {
    @Test func plainWithInitialResponse() {
        var masker = AuthMasker()
        #expect(masker.client("AUTH PLAIN AHVzZXIAc2VjcmV0") == "AUTH PLAIN ****")
        masker.server(code: 235)
        #expect(masker.client("MAIL FROM:<a@example.com>") == "MAIL FROM:<a@example.com>")
    }

    @Test func plainAfterAPrompt() {
        var masker = AuthMasker()
        #expect(masker.client("AUTH PLAIN") == "AUTH PLAIN")
        masker.server(code: 334)
        #expect(masker.client("AHVzZXIAc2VjcmV0") == "****")
        masker.server(code: 535)
        #expect(masker.client("QUIT") == "QUIT")
    }

    @Test func loginMasksBothLines() {
        var masker = AuthMasker()
        #expect(masker.client("AUTH LOGIN") == "AUTH LOGIN")
        masker.server(code: 334)
        #expect(masker.client("dXNlcg==") == "****")
        masker.server(code: 334)
        #expect(masker.client("c2VjcmV0") == "****")
        masker.server(code: 235)
        #expect(!masker.inExchange)
        #expect(masker.client("RCPT TO:<b@example.com>") == "RCPT TO:<b@example.com>")
    }

    @Test func loginWithInitialResponse() {
        var masker = AuthMasker()
        #expect(masker.client("AUTH LOGIN dXNlcg==") == "AUTH LOGIN ****")
        masker.server(code: 334)
        #expect(masker.client("c2VjcmV0") == "****")
        masker.server(code: 235)
        #expect(masker.client("DATA") == "DATA")
    }

    @Test func challengeResponseMechanismsAndCancel() {
        var masker = AuthMasker()
        #expect(masker.client("auth cram-md5") == "auth cram-md5")
        masker.server(code: 334)
        #expect(masker.client("dXNlciBhYmNkZWY=") == "****")
        masker.server(code: 334)
        #expect(masker.client("*") == "****")
        masker.server(code: 501)
        #expect(!masker.inExchange)
    }

    @Test func aStrangeMechanismNameIsMaskedToo() {
        var masker = AuthMasker()
        #expect(masker.client("AUTH c2VjcmV0/x= more") == "AUTH ****")
        #expect(masker.inExchange)
    }

    @Test func otherLinesPassUntouched() {
        var masker = AuthMasker()
        #expect(masker.client("EHLO shop.example") == "EHLO shop.example")
        #expect(masker.client("AUTHOR x") == "AUTHOR x")
        #expect(!masker.inExchange)
    }
}
