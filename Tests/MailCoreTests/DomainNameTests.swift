import MailCore
import Testing

/// Domain names as DNS and SMTP carry them; the plain ASCII form is taken as is.
@Suite struct DomainNameTests {
    @Test(arguments: [
        ("smtp.mail.ru", "smtp.mail.ru"), ("SMTP.Mail.RU", "smtp.mail.ru"), ("mail.ru.", "mail.ru"),
        ("xn--80a1acny.xn--p1ai", "xn--80a1acny.xn--p1ai"), ("почта.рф", "xn--80a1acny.xn--p1ai"),
        ("a-b.c0", "a-b.c0"), (String(repeating: "a", count: 63) + ".ru", String(repeating: "a", count: 63) + ".ru"),
    ])
    func acceptsAndNormalises(text: String, ascii: String) {
        #expect(DomainName(text)?.ascii == ascii)
    }

    @Test(arguments: [
        "", ".", "ru", "-a.ru", "a-.ru", "a..ru", ".a.ru", "a.ru-", "a_b.ru", "a b.ru", "a.ru..",
        String(repeating: "a", count: 64) + ".ru", String(repeating: "a.", count: 127) + "ru",
    ])
    func refuses(text: String) {
        #expect(DomainName(text) == nil, "\(text)")
    }

    @Test func aSingleLabelOnlyWhenNoDotIsRequired() {
        #expect(DomainName("mail", requireDot: false)?.ascii == "mail")
        #expect(DomainName("mail") == nil)
    }
}
