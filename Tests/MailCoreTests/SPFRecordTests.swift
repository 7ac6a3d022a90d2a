import MailCore
import Testing

@Suite struct SPFRecordTests {
    @Test(arguments: [
        ("v=spf1 -all", 0),
        ("v=spf1 include:_spf.mail.ru ~all", 1),
        ("V=SPF1 IP4:192.0.2.0/24 Ip6:2001:db8::/32 A MX:mx.shop.ru/24//64 ?all", 2),
        ("v=spf1 a:shop.ru/32 mx ptr exists:%{i}._spf.shop.ru redirect=_spf.shop.ru", 5),
        ("v=spf1  ip4:192.0.2.1   -all ", 0),
        ("v=spf1 exp=explain._spf.%{d} custom-mod=%{l}x -all", 0),
        ("v=spf1", 0),
    ])
    func parsesValidRecords(text: String, lookups: Int) throws {
        let record = try SPFRecord(parsing: text)
        #expect(record.lookupTerms == lookups)
    }

    @Test(arguments: [
        ("v=spf1 inlude:_spf.mail.ru ~all", "inlude:_spf.mail.ru", SPFSyntaxError.Problem.unknownMechanism),
        ("v=spf1 ipv4:192.0.2.1 ~all", "ipv4:192.0.2.1", .unknownMechanism),
        ("v=spf1 ip4:192.0.2.300 ~all", "ip4:192.0.2.300", .badAddress),
        ("v=spf1 ip4:2001:db8::1 ~all", "ip4:2001:db8::1", .badAddress),
        ("v=spf1 ip6:192.0.2.1 ~all", "ip6:192.0.2.1", .badAddress),
        ("v=spf1 ip4:192.0.2.0/33 ~all", "ip4:192.0.2.0/33", .badPrefix),
        ("v=spf1 ip4:192.0.2.0/024 ~all", "ip4:192.0.2.0/024", .badPrefix),
        ("v=spf1 include: ~all", "include:", .missingDomain),
        ("v=spf1 include ~all", "include", .missingDomain),
        ("v=spf1 include:localhost ~all", "include:localhost", .badDomain),
        ("v=spf1 a:shop.ru/24/ ~all", "a:shop.ru/24/", .badPrefix),
        ("v=spf1 all:shop.ru", "all:shop.ru", .unexpectedArgument),
        ("v=spf1 redirect=a.ru redirect=b.ru", "redirect=b.ru", .repeatedModifier),
        ("v=spf1 exists:%{z}.shop.ru -all", "exists:%{z}.shop.ru", .badMacro),
        ("v=spf1 1bad=x -all", "1bad=x", .badModifier),
        ("spf1 -all", "spf1 -all", .notSPF),
    ])
    func refusesInvalidRecordsNamingTheTerm(text: String, term: String, problem: SPFSyntaxError.Problem) {
        #expect(throws: SPFSyntaxError(term: term, problem: problem)) { try SPFRecord(parsing: text) }
    }

    @Test func readsTheDirectivesInOrder() throws {
        let record = try SPFRecord(parsing: "v=spf1 ip4:192.0.2.0/24 -include:x.shop.ru mx:mx.shop.ru//64 ~all")
        #expect(
            record.directives.map(\.term) == ["ip4:192.0.2.0/24", "-include:x.shop.ru", "mx:mx.shop.ru//64", "~all"]
        )
        #expect(record.directives[0].mechanism == .ip4(IPAddress("192.0.2.0")!, prefix: 24))
        #expect(record.directives[1].qualifier == .fail)
        #expect(record.directives[2].mechanism == .mx(.name(DNSName("mx.shop.ru")!), prefix4: 32, prefix6: 64))
        #expect(record.all?.qualifier == .softFail)
    }

    @Test(arguments: [
        ("v=spf1 -all", true), ("v=spf1", true), ("V=Spf1 a", true), ("v=spf10 -all", false), ("x v=spf1", false),
    ])
    func tellsSPFFromOtherTXT(text: String, isSPF: Bool) {
        #expect(SPFRecord.isSPF(text) == isSPF)
    }
}
