import Foundation
import MailCore
import MailTestSupport
import Storage
import Testing

/// «Проверка домена» beside the test letter, with the DNS answers from a table.
extension ProfileCheckPageTests {
    static let key = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1TaNgLlSyQMNWVLNLvyY"

    @Test func theFindingsOfTheSenderDomainFollowTheLetter() throws {
        let resolver = TableResolver([
            "shop.test TXT": .success([.text("v=spf1 ip4:192.0.2.25 -all")]),
            "smtp.shop.test A": .success([.address(IPAddress("192.0.2.25")!)]),
            "smtp.shop.test AAAA": .success([]),
            "s1._domainkey.shop.test TXT": .success([.text("v=DKIM1; k=rsa; p=\(Self.key)")]),
        ])
        let web = try WebHarness(transport: .acceptingAll(), resolver: resolver)
        web.logIn()
        let id = try web.createProfile(
            "Магазин",
            extra: [("host", "smtp.shop.test"), ("login", "shop@shop.test"), ("sender_email", "shop@shop.test")]
        )
        #expect(web.get("/profiles/\(id)/check").text.contains("id=\"dkim_selector\""))
        #expect(!web.lastPage.contains("id=\"domain-check\""), "nothing is looked up before the admin asks")
        let page = web.post("/profiles/\(id)/check", [("to", "admin@example.com"), ("dkim_selector", " s1 ")]).text
        #expect(page.contains("Письмо принято сервером"))
        #expect(page.contains("<h2>Проверка домена shop.test</h2>"))
        #expect(page.contains("data-topic=\"spf\" data-level=\"ok\""))
        #expect(page.contains("data-topic=\"spfServer\" data-level=\"ok\""))
        #expect(page.contains("data-topic=\"dkim\" data-level=\"ok\""))
        #expect(page.contains("data-topic=\"dmarc\" data-level=\"warning\""))
        #expect(page.contains("<code>_dmarc</code>"), "the record to add, by the name DNS panels ask for")
        #expect(page.contains("value=\"s1\""), "the selector is kept")
        #expect(resolver.questions.contains("s1._domainkey.shop.test TXT"))
    }

    @Test func anUnreachableDNSReadsCouldNotCheck() throws {
        let resolver = TableResolver([:], otherwise: .unreachable(detail: "Connection refused"))
        let web = try WebHarness(transport: .acceptingAll(), resolver: resolver)
        web.logIn()
        let id = try web.createProfile("Магазин")
        let page = web.post("/profiles/\(id)/check", [("to", "admin@example.com")]).text
        #expect(page.contains("Письмо принято сервером"))
        #expect(page.contains("не удалось проверить"))
        #expect(!page.contains("data-level=\"problem\""), "not an error of the domain")
        web.get("/lang?to=en")
        let english = web.post("/profiles/\(id)/check", [("to", "admin@example.com")]).text
        #expect(english.contains("could not check"))
    }

    @Test func aSelectorThatIsNoDNSNameIsRefusedAtTheField() throws {
        let web = try WebHarness(transport: .acceptingAll())
        web.logIn()
        let id = try web.createProfile("Магазин")
        let response = web.post(
            "/profiles/\(id)/check",
            [("to", "admin@example.com"), ("dkim_selector", "s1\r\nBcc: x@evil.example")]
        )
        #expect(response.status == 422)
        #expect(response.text.contains("id=\"e-dkim_selector\""))
        #expect(response.text.contains("Селектор — латинские буквы"))
        #expect(web.transport.sessionsOpened == 0, "nothing sent while a field is wrong")
        #expect(!response.text.contains("id=\"domain-check\""))
    }
}
