import MailCore
import Testing

@Suite struct DNSNameTests {
    @Test(arguments: [
        ("_spf.mail.ru", "_spf.mail.ru"), ("Mailru._DomainKey.Shop.RU.", "mailru._domainkey.shop.ru"), ("s1", "s1"),
    ])
    func parses(text: String, name: String) {
        #expect(DNSName(text)?.text == name)
    }

    @Test(arguments: ["", ".", "a..b", "bad name", "шоп.рф", "a/b", String(repeating: "a", count: 64) + ".ru"])
    func refuses(text: String) {
        #expect(DNSName(text) == nil)
    }

    @Test func prefixesAndParents() throws {
        let name = try #require(DNSName("mail.shop.ru"))
        #expect(name.prefixed(by: "_dmarc")?.text == "_dmarc.mail.shop.ru")
        #expect(name.lastTwoLabels?.text == "shop.ru")
        #expect(try #require(DNSName("shop.ru")).lastTwoLabels == nil)
    }
}
