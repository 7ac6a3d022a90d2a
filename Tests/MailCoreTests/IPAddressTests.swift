import MailCore
import Testing

@Suite struct IPAddressTests {
    static let zeros: [UInt8] = Array(repeating: 0, count: 16)
    static let documentation: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11)
    static let parsed: [(String, [UInt8])] = [
        ("192.0.2.1", [192, 0, 2, 1]),
        ("0.0.0.0", [0, 0, 0, 0]),
        ("2001:db8::1", documentation + [1]),
        ("::", zeros),
        ("::ffff:192.0.2.1", Array(zeros[..<10]) + [0xff, 0xff, 192, 0, 2, 1]),
        ("2001:DB8:0:0:0:0:0:2", documentation + [2]),
    ]

    @Test(arguments: parsed)
    func parses(text: String, bytes: [UInt8]) {
        #expect(IPAddress(text)?.bytes == bytes)
    }

    @Test(arguments: [
        "", "192.0.2", "192.0.2.256", "192.0.2.01x", "1.2.3.4.5", "2001:db8::1::2", "2001:db8:1", "1:2:3:4:5:6:7:8:9",
        "12345::", "::g", "smtp.mail.ru", "１.２.３.４",
    ])
    func refuses(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test(arguments: [
        ("192.0.2.0", 24, "192.0.2.77", true),
        ("192.0.2.0", 24, "192.0.3.1", false),
        ("192.0.2.128", 25, "192.0.2.127", false),
        ("10.0.0.0", 0, "203.0.113.9", true),
        ("192.0.2.5", 32, "192.0.2.5", true),
        ("2001:db8::", 32, "2001:db8:ffff::1", true),
        ("2001:db8::", 33, "2001:db8:8000::1", false),
        ("192.0.2.0", 24, "::ffff:192.0.2.1", false),
    ])
    func networks(network: String, prefix: Int, address: String, contains: Bool) throws {
        let base = try #require(IPAddress(network))
        #expect(base.network(prefixLength: prefix, contains: try #require(IPAddress(address))) == contains)
    }

    @Test(arguments: [
        ("192.0.2.1", "192.0.2.1"), ("2001:0db8:0:0:0:0:0:1", "2001:db8::1"), ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
        ("1:0:2:0:3:0:4:0", "1:0:2:0:3:0:4:0"),
    ])
    func describes(text: String, description: String) throws {
        #expect(try #require(IPAddress(text)).description == description)
    }
}
