import Foundation
import MailCore
import MailTestSupport
import Sender
import Testing

@Suite struct DomainCheckTests {
    static let rules = DomainRules(senderDomain: DomainName("shop.ru")!, smtpHost: "smtp.mail.ru")

    @Test func asksRoundAfterRoundUntilTheRulesAreSatisfied() {
        let resolver = TableResolver([
            "shop.ru TXT": .success([.text("v=spf1 include:_spf.mail.ru ~all")]),
            "_spf.mail.ru TXT": .success([.text("v=spf1 ip4:217.69.128.0/20 ~all")]),
            "mailru._domainkey.shop.ru TXT": .success([.text("v=DKIM1; p=MIGfMA0GCSqGSIb3DQEB")]),
            "_dmarc.shop.ru TXT": .success([.text("v=DMARC1; p=quarantine")]),
        ])
        let findings = DomainCheck(resolver: resolver, clock: TestClock()).run(Self.rules)
        #expect(findings.map(\.level) == [.ok, .ok, .ok, .ok])
        #expect(resolver.questions.last == "_spf.mail.ru TXT", "the include is read after the record naming it")
        #expect(resolver.questions.count == 4)
    }

    @Test func anUnreachableServerIsAskedOnceAndNothingIsCalledMissing() {
        let resolver = TableResolver([:], otherwise: .unreachable(detail: "Connection refused"))
        let findings = DomainCheck(resolver: resolver, clock: TestClock()).run(Self.rules)
        #expect(resolver.questions.count == 1)
        #expect(findings.map(\.level) == [.notChecked, .notChecked, .notChecked])
        #expect(findings.allSatisfy { $0.text.ru.contains("DNS-сервер недоступен") })
    }

    @Test func aSlowServerIsNotAskedPastTheTimeLimit() {
        let clock = TestClock()
        let resolver = TableResolver(
            ["shop.ru TXT": .success([.text("v=spf1 include:_spf.mail.ru ~all")])],
            otherwise: .noData,
            clock: clock,
            secondsPerLookup: 4
        )
        let findings = DomainCheck(resolver: resolver, clock: clock, timeLimit: 10).run(Self.rules)
        #expect(resolver.questions.count == 3, "asked at 0, 4 and 8 s; not at 12 s")
        #expect(findings.first?.level == .notChecked, "the include was never read")
        #expect(findings.first?.text.ru.contains("не ответил вовремя") == true)
    }

    @Test func checksAStoredProfileWithATypedSelector() throws {
        let h = try SenderHarness()
        let profile = try h.profile(try h.addProfile("Магазин"))
        let domain = profile.senderEmail.domain.ascii
        let resolver = TableResolver(["s1._domainkey.\(domain) TXT": .success([.text("v=DKIM1; p=")])])
        let findings = DomainCheck(resolver: resolver, clock: TestClock()).run(
            profile: profile,
            dkimSelector: DNSName("s1")
        )
        #expect(findings.first { $0.topic == .dkim }?.level == .problem)
        #expect(resolver.questions.contains("s1._domainkey.\(domain) TXT"))
    }
}
