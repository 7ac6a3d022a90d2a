import MailCore
import Testing

@Suite struct DNSServerAddressTests {
    @Test(arguments: [("127.0.0.1:5353", "127.0.0.1", 5353), ("192.0.2.53", "192.0.2.53", 53)])
    func parses(text: String, address: String, port: Int) {
        let server = DNSServerAddress(text)
        #expect(server?.address == IPAddress(address))
        #expect(server?.port == port)
    }

    @Test(arguments: [
        "", "localhost:53", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:", "::1", "[::1]:53", "1.2.3.4:5:6",
    ])
    func refuses(text: String) {
        #expect(DNSServerAddress(text) == nil)
    }
}
