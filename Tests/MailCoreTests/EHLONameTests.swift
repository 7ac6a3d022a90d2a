import MailCore
import Testing

@Suite struct EHLONameTests {
    static let shop = DomainName("shop.example")

    @Test(arguments: [
        ("mail.shop.ru", "mail.shop.ru"),
        ("Web1.Hosting.Example.", "web1.hosting.example"),
        ("vm", "shop.example"),
        ("localhost", "shop.example"),
        ("localhost.localdomain", "shop.example"),
        ("ip-10-0-0-1.ec2.internal", "shop.example"),
        ("box.local", "shop.example"),
        ("bad_name.example", "shop.example"),
    ])
    func choosesTheFQDNElseTheSenderDomain(machine: String, expected: String) {
        #expect(EHLOName.choose(machineName: machine, senderDomain: Self.shop)?.ascii == expected)
    }

    @Test func withoutAMachineNameTheSenderDomain() {
        #expect(EHLOName.choose(machineName: nil, senderDomain: Self.shop)?.ascii == "shop.example")
        #expect(EHLOName.choose(machineName: "vm", senderDomain: nil) == nil)
    }
}
