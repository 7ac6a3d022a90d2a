import MailCore
import Testing

/// A sender domain, an SMTP server, a zone, and the levels the findings must have.
struct DomainCase: CustomTestStringConvertible, Sendable {
    typealias Expected = [(DomainFinding.Topic, DomainFinding.Level)]

    let name: String
    let sender: String
    let host: String
    let selector: String?
    let zone: @Sendable () -> DNSZone
    let expected: [Pair]

    struct Pair: Equatable, Sendable {
        let topic: DomainFinding.Topic
        let level: DomainFinding.Level
    }

    init(
        _ name: String,
        sender: String = "shop.ru",
        host: String = "smtp.shop.ru",
        selector: String? = nil,
        zone: @escaping @Sendable () -> DNSZone,
        _ expected: Expected
    ) {
        self.name = name
        self.sender = sender
        self.host = host
        self.selector = selector
        self.zone = zone
        self.expected = expected.map { Pair(topic: $0.0, level: $0.1) }
    }

    var rules: DomainRules {
        DomainRules(senderDomain: DomainName(sender)!, smtpHost: host, dkimSelector: selector.flatMap(DNSName.init))
    }

    var findings: [DomainFinding] { zone().findings(rules) }
    var testDescription: String { name }
}

typealias Z = DNSZone.Entry

/// The zone most cases start from: the custom server smtp.shop.ru at 192.0.2.10.
func shopZone(_ entries: Z...) -> DNSZone {
    shopZone(entries)
}

func shopZone(_ entries: [Z]) -> DNSZone {
    DNSZone([Z.a("smtp.shop.ru", "192.0.2.10")] + entries)
}

let mailruKey =
    "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1TaNgLlSyQMNWVLNLvyY/neDgaL2oqQE8T5illKqCgDtFHc8eHVAU+nlcaGmrKmDMw9dbgiGk1ocgZ56NR4ycfUHwQhvQPMUZw0cveel/8EAGoi/UyPmqfcPibytH81NFtTMAxUeM4Op8A6iHkvAMj5qLf4YRNsTkKAV5g+sAQ=="

@Suite struct DomainRulesTests {
    static let cases: [DomainCase] = [
        DomainCase(
            "nothing published",
            zone: { shopZone() },
            [(.spf, .problem), (.dkim, .notChecked), (.dmarc, .warning)]
        ),
        DomainCase(
            "everything in order at Mail.ru",
            host: "smtp.mail.ru",
            zone: {
                DNSZone([
                    Z.txt("shop.ru", "v=spf1 include:_spf.mail.ru ~all"),
                    Z.txt("_spf.mail.ru", "v=spf1 ip4:217.69.128.0/20 ~all"),
                    Z.txt("mailru._domainkey.shop.ru", mailruKey), Z.txt("_dmarc.shop.ru", "v=DMARC1; p=reject"),
                ])
            },
            [(.spf, .ok), (.spfServer, .ok), (.dkim, .ok), (.dmarc, .ok)]
        ),
        DomainCase(
            "a custom server outside the record",
            zone: {
                shopZone(Z.txt("shop.ru", "v=spf1 ip4:198.51.100.1 -all"), Z.txt("_dmarc.shop.ru", "v=DMARC1; p=none"))
            },
            [(.spf, .ok), (.spfServer, .warning), (.dkim, .notChecked), (.dmarc, .ok)]
        ),
        DomainCase(
            "Mail.ru's server without Mail.ru's include",
            host: "smtp.mail.ru",
            zone: {
                DNSZone([
                    Z.a("smtp.mail.ru", "217.69.139.160"), Z.txt("shop.ru", "v=spf1 ip4:198.51.100.1 ~all"),
                    Z.txt("mailru._domainkey.shop.ru", mailruKey),
                ])
            },
            [(.spf, .ok), (.spfServer, .problem), (.dkim, .ok), (.dmarc, .warning)]
        ),
        DomainCase(
            "covered through an include, an mx and its address",
            zone: {
                shopZone(
                    Z.txt("shop.ru", "v=spf1 include:_spf.host.ru -all"),
                    Z.txt("_spf.host.ru", "v=spf1 mx:host.ru ~all"),
                    Z.mx("host.ru", "mx.host.ru"),
                    Z.a("mx.host.ru", "192.0.2.10")
                )
            },
            [(.spf, .ok), (.spfServer, .ok), (.dkim, .notChecked), (.dmarc, .warning)]
        ),
        DomainCase(
            "covered by a network around the site's address",
            zone: { shopZone(Z.txt("shop.ru", "v=spf1 a:web.shop.ru/24 -all"), Z.a("web.shop.ru", "192.0.2.1")) },
            [(.spf, .ok), (.spfServer, .ok), (.dkim, .notChecked), (.dmarc, .warning)]
        ),
        DomainCase(
            "an IPv6-only server in an ip6 network",
            host: "smtp6.shop.ru",
            zone: {
                DNSZone([Z.a("smtp6.shop.ru", "2001:db8::25"), Z.txt("shop.ru", "v=spf1 ip6:2001:db8::/32 -all")])
            },
            [(.spf, .ok), (.spfServer, .ok), (.dkim, .notChecked), (.dmarc, .warning)]
        ),
        DomainCase(
            "a server named by its address",
            host: "192.0.2.10",
            zone: { DNSZone([Z.txt("shop.ru", "v=spf1 ip4:192.0.2.0/24 -all")]) },
            [(.spf, .ok), (.spfServer, .ok), (.dkim, .notChecked), (.dmarc, .warning)]
        ),
        DomainCase(
            "a typo in a mechanism",
            zone: { shopZone(Z.txt("shop.ru", "v=spf1 inlude:_spf.mail.ru ~all")) },
            [(.spf, .problem), (.dkim, .notChecked), (.dmarc, .warning)]
        ),
        DomainCase(
            "two SPF records",
            zone: { shopZone(Z.txt("shop.ru", "v=spf1 a ~all"), Z.txt("shop.ru", "v=spf1 mx ~all")) },
            [(.spf, .problem), (.dkim, .notChecked), (.dmarc, .warning)]
        ),
        DomainCase(
            "+all lets anyone send",
            zone: { shopZone(Z.txt("shop.ru", "v=spf1 +all")) },
            [(.spf, .problem), (.spfServer, .ok), (.dkim, .notChecked), (.dmarc, .warning)]
        ),
        DomainCase(
            "?all says nothing",
            zone: { shopZone(Z.txt("shop.ru", "v=spf1 a:smtp.shop.ru ?all")) },
            [(.spf, .warning), (.spfServer, .ok), (.dkim, .notChecked), (.dmarc, .warning)]
        ),
        DomainCase(
            "more than 10 lookups",
            zone: {
                let includes = (1...11).map { "include:s\($0).shop.ru" }.joined(separator: " ")
                return shopZone(
                    [Z.txt("shop.ru", "v=spf1 \(includes) ~all")]
                        + (1...11).map { Z.txt("s\($0).shop.ru", "v=spf1 -all") }
                )
            },
            [(.spf, .problem), (.dkim, .notChecked), (.dmarc, .warning)]
        ),
        DomainCase(
            "an include of a name without SPF",
            zone: { shopZone(Z.txt("shop.ru", "v=spf1 include:_spf.gone.ru ~all")) },
            [(.spf, .problem), (.dkim, .notChecked), (.dmarc, .warning)]
        ),
        DomainCase(
            "a macro the check does not expand",
            zone: { shopZone(Z.txt("shop.ru", "v=spf1 exists:%{i}._spf.shop.ru ~all")) },
            [(.spf, .ok), (.spfServer, .notChecked), (.dkim, .notChecked), (.dmarc, .warning)]
        ),
        DomainCase(
            "a server without addresses",
            host: "smtp.nowhere.ru",
            zone: { DNSZone([Z.txt("shop.ru", "v=spf1 mx ~all")]) },
            [(.spf, .ok), (.spfServer, .notChecked), (.dkim, .notChecked), (.dmarc, .warning)]
        ),
        DomainCase(
            "DNS unreachable",
            selector: "s1",
            zone: {
                var zone = shopZone(Z.txt("shop.ru", "v=spf1 -all"))
                zone.failing["*"] = .unreachable(detail: "Connection refused")
                return zone
            },
            [(.spf, .notChecked), (.dkim, .notChecked), (.dmarc, .notChecked)]
        ),
        DomainCase(
            "a DNS error for DMARC only",
            zone: {
                var zone = shopZone(Z.txt("shop.ru", "v=spf1 a:smtp.shop.ru -all"))
                zone.failing["_dmarc.shop.ru"] = .serverFailure
                return zone
            },
            [(.spf, .ok), (.spfServer, .ok), (.dkim, .notChecked), (.dmarc, .notChecked)]
        ),
        DomainCase(
            "a strict DMARC against the shop's own letters",
            host: "smtp.mail.ru",
            zone: {
                DNSZone([
                    Z.a("smtp.mail.ru", "217.69.139.160"), Z.txt("shop.ru", "v=spf1 ip4:198.51.100.1 -all"),
                    Z.txt("_dmarc.shop.ru", "v=DMARC1; p=reject"),
                ])
            },
            [(.spf, .ok), (.spfServer, .problem), (.dkim, .problem), (.dmarc, .problem)]
        ),
        DomainCase(
            "the parent domain's DMARC with its subdomain policy",
            sender: "mail.shop.ru",
            zone: {
                shopZone(
                    Z.txt("mail.shop.ru", "v=spf1 a:smtp.shop.ru -all"),
                    Z.txt("_dmarc.shop.ru", "v=DMARC1; p=reject; sp=none")
                )
            },
            [(.spf, .ok), (.spfServer, .ok), (.dkim, .notChecked), (.dmarc, .ok)]
        ),
        DomainCase(
            "a DMARC without a policy",
            zone: { shopZone(Z.txt("_dmarc.shop.ru", "v=DMARC1; rua=mailto:d@shop.ru")) },
            [(.spf, .problem), (.dkim, .notChecked), (.dmarc, .problem)]
        ),
        DomainCase(
            "a typed selector with a revoked key",
            selector: "s1",
            zone: { shopZone(Z.txt("s1._domainkey.shop.ru", "v=DKIM1; p=")) },
            [(.spf, .problem), (.dkim, .problem), (.dmarc, .warning)]
        ),
        DomainCase(
            "a damaged DKIM key",
            selector: "s1",
            zone: { shopZone(Z.txt("s1._domainkey.shop.ru", "v=DKIM1; p=MIGf*MA0")) },
            [(.spf, .problem), (.dkim, .problem), (.dmarc, .warning)]
        ),
        DomainCase(
            "Yandex's usual selector",
            host: "smtp.yandex.ru",
            zone: { DNSZone([Z.txt("mail._domainkey.shop.ru", mailruKey)]) },
            [(.spf, .problem), (.dkim, .ok), (.dmarc, .warning)]
        ),
        DomainCase(
            "an address on gmail.com",
            sender: "gmail.com",
            host: "smtp.gmail.com",
            zone: { DNSZone() },
            [(.mailboxDomain, .ok)]
        ),
    ]

    @Test(arguments: cases)
    func findingsHaveTheirLevels(_ test: DomainCase) {
        let findings = test.findings
        #expect(findings.map { DomainCase.Pair(topic: $0.topic, level: $0.level) } == test.expected)
        for finding in findings {
            #expect(!finding.text.ru.isEmpty && !finding.text.en.isEmpty)
        }
    }

    @Test func aMissingSPFGetsARecordForTheServer() throws {
        let findings = shopZone().findings(DomainRules(senderDomain: DomainName("shop.ru")!, smtpHost: "smtp.shop.ru"))
        let fix = try #require(findings.first?.fix)
        #expect(fix.name.text == "shop.ru" && fix.host == "@")
        #expect(fix.value == "v=spf1 a:smtp.shop.ru ~all")
        let dmarc = try #require(findings.last?.fix)
        #expect(dmarc.host == "_dmarc" && dmarc.value == "v=DMARC1; p=none")
    }

    @Test func anUncoveredServerGetsTheRecordWithItsMechanismBeforeAll() throws {
        let zone = DNSZone([Z.a("smtp.mail.ru", "217.69.139.160"), Z.txt("shop.ru", "v=spf1 ip4:198.51.100.1 ~all")])
        let findings = zone.findings(DomainRules(senderDomain: DomainName("shop.ru")!, smtpHost: "smtp.mail.ru"))
        let server = try #require(findings.first { $0.topic == .spfServer })
        #expect(server.fix?.value == "v=spf1 ip4:198.51.100.1 include:_spf.mail.ru ~all")
        #expect(server.text.ru.contains("217.69.139.160"))
        #expect(server.record == "v=spf1 ip4:198.51.100.1 ~all")
    }

    @Test func aSyntaxErrorNamesTheTerm() throws {
        let zone = shopZone(Z.txt("shop.ru", "v=spf1 inlude:_spf.mail.ru ~all"))
        let spf = try #require(
            zone.findings(DomainRules(senderDomain: DomainName("shop.ru")!, smtpHost: "smtp.shop.ru")).first
        )
        #expect(spf.text.ru.contains("«inlude:_spf.mail.ru» — неизвестный механизм"))
        #expect(spf.record == "v=spf1 inlude:_spf.mail.ru ~all")
    }

    @Test func aPartialDMARCPolicySaysSo() throws {
        let zone = shopZone(Z.txt("_dmarc.shop.ru", "v=DMARC1; p=quarantine; pct=25"))
        let dmarc = try #require(
            zone.findings(DomainRules(senderDomain: DomainName("shop.ru")!, smtpHost: "smtp.shop.ru")).last
        )
        #expect(dmarc.level == .ok)
        #expect(dmarc.text.ru.contains("кладут в спам (pct=25: так — с 25 % таких писем, с остальными мягче)."))
    }

    @Test func unreachableDNSSaysSoNotThatRecordsAreMissing() throws {
        var zone = shopZone()
        zone.failing["*"] = .timedOut
        let findings = zone.findings(DomainRules(senderDomain: DomainName("shop.ru")!, smtpHost: "smtp.mail.ru"))
        #expect(findings.count == 3)
        #expect(findings.allSatisfy { $0.text.ru.contains("не ответил вовремя") && $0.fix == nil })
    }

    @Test func theFirstRoundAsksForTheThreeRecordsAtOnce() {
        let rules = DomainRules(senderDomain: DomainName("shop.ru")!, smtpHost: "smtp.mail.ru")
        let names = Set(rules.questions(after: DNSSnapshot()).map(\.description))
        #expect(names == ["shop.ru TXT", "mailru._domainkey.shop.ru TXT", "_dmarc.shop.ru TXT"])
    }

    @Test func unansweredQuestionsCountAsTheReasonTheServiceStopped() {
        let rules = DomainRules(senderDomain: DomainName("shop.ru")!, smtpHost: "smtp.shop.ru")
        var snapshot = DNSSnapshot()
        snapshot.stoppedBecause = .unreachable(detail: "Connection refused")
        let findings = rules.findings(snapshot)
        #expect(findings.map(\.level) == [.notChecked, .notChecked, .notChecked])
        #expect(findings[0].text.ru.contains("DNS-сервер недоступен"))
    }
}
