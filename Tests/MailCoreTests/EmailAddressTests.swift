import MailCore
import Testing

@Suite struct EmailAddressTests {
    @Test(arguments: [
        ("ivan.petrov+shop@mail.ru", "ivan.petrov+shop@mail.ru"),
        ("Ivan@Example.COM", "Ivan@example.com"),
        ("o'brien@example.ie", "o'brien@example.ie"),
        ("ivan@президент.рф", "ivan@xn--d1abbgf6aiiy.xn--p1ai"),
        ("info@bücher.example", "info@xn--bcher-kva.example"),
        ("a@münchen.de", "a@xn--mnchen-3ya.de"),
    ])
    func acceptsWhatShopsHave(input: String, expected: String) throws {
        #expect(try EmailAddress(parsing: input).address == expected)
    }

    @Test(arguments: [
        "", "plain", "@example.com", "a@", "a@b", "a b@example.com", "a@exa mple.com", "<a@example.com>",
        "a@example.com\r\nRCPT TO:<x@y.z>", "a\n@example.com", ".a@example.com", "a..b@example.com",
        "a.@example.com", "a@-example.com", "a@example..com", "\"a b\"@example.com", "a@[127.0.0.1]",
        String(repeating: "a", count: 65) + "@example.com",
    ])
    func refusesWhatSMTPCannotCarry(input: String) {
        #expect(throws: EmailAddress.Problem.self) { try EmailAddress(parsing: input) }
    }

    @Test func cyrillicLocalPartGetsItsOwnMessage() {
        #expect(throws: EmailAddress.Problem.nonASCIILocalPart) { try EmailAddress(parsing: "заказ@shop.ru") }
    }
}
