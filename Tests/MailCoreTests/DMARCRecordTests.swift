import MailCore
import Testing

@Suite struct DMARCRecordTests {
    @Test(arguments: [
        ("v=DMARC1; p=none", DMARCRecord.Policy.none, DMARCRecord.Policy.none, 100),
        ("v=DMARC1;p=reject;sp=quarantine;pct=50", .reject, .quarantine, 50),
        ("v=DMARC1; p=Quarantine; rua=mailto:dmarc@shop.ru;", .quarantine, .quarantine, 100),
    ])
    func parses(text: String, policy: DMARCRecord.Policy, subdomains: DMARCRecord.Policy, percent: Int) throws {
        let record = try DMARCRecord(parsing: text)
        #expect(record.policy == policy)
        #expect(record.subdomainPolicy == subdomains)
        #expect(record.percent == percent)
    }

    @Test(arguments: [
        ("v=DMARC1; rua=mailto:a@shop.ru", DMARCSyntaxError.missingPolicy),
        ("v=DMARC1; p=block", .unknownPolicy("block")),
        ("v=DMARC1; p=none; sp=maybe", .unknownPolicy("maybe")),
        ("v=DMARC1; p=none; pct=150", .badPercent("150")),
        ("v=DMARC1; p=none; rua", .malformedTag("rua")),
        ("p=none; v=DMARC1", .notDMARC),
    ])
    func refuses(text: String, error: DMARCSyntaxError) {
        #expect(throws: error) { try DMARCRecord(parsing: text) }
    }
}
