import DNS
import Foundation
import MailCore
import MailTestSupport
import Testing

/// glibc's resolver against a real DNS server (dnslib) on 127.0.0.1.
@Suite struct SystemResolverTests {
    static let longKey = String(repeating: "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", count: 10)

    static let zone = """
        shop.test. 60 IN TXT "v=spf1 ip4:192.0.2.0/24 " "include:_spf.mail.ru ~all"
        shop.test. 60 IN TXT "google-site-verification=abc"
        shop.test. 60 IN A 192.0.2.10
        shop.test. 60 IN A 192.0.2.11
        shop.test. 60 IN MX 10 mx1.shop.test.
        shop.test. 60 IN MX 20 mx2.shop.test.
        v6.shop.test. 60 IN AAAA 2001:db8::25
        alias.shop.test. 60 IN CNAME shop.test.
        s1._domainkey.shop.test. 60 IN TXT "v=DKIM1; k=rsa; p=" \(quotedPieces(longKey))
        """

    /// A long text as DNS carries it: character-strings of at most 255 bytes, quoted.
    static func quotedPieces(_ text: String) -> String {
        stride(from: 0, to: text.count, by: 200).map { start in
            "\"" + text.dropFirst(start).prefix(200) + "\""
        }.joined(separator: " ")
    }

    /// One server for the suite (each start costs a second of Python); it exits with the test process.
    static let shared = Result {
        try DNSTestServer(zone: zone, servfail: ["broken.shop.test"], silent: ["slow.shop.test"])
    }

    private func resolver(timeoutSeconds: Int = 2, attempts: Int = 1) throws -> SystemResolver {
        SystemResolver(
            server: DNSServerAddress("127.0.0.1:\(try Self.shared.get().port)"),
            timeoutSeconds: timeoutSeconds,
            attempts: attempts
        )
    }

    private func question(_ name: String, _ type: DNSRecordType) -> DNSQuestion {
        DNSQuestion(DNSName(name)!, type)
    }

    @Test func readsTXTWithItsStringsJoined() throws {
        let records = try resolver().lookup(question("shop.test", .txt))
        #expect(
            Set(records) == [
                .text("v=spf1 ip4:192.0.2.0/24 include:_spf.mail.ru ~all"), .text("google-site-verification=abc"),
            ]
        )
    }

    @Test func readsAddressesAndMailExchangers() throws {
        let dns = try resolver()
        #expect(
            Set(try dns.lookup(question("shop.test", .a))) == [
                .address(IPAddress("192.0.2.10")!), .address(IPAddress("192.0.2.11")!),
            ]
        )
        #expect(try dns.lookup(question("v6.shop.test", .aaaa)) == [.address(IPAddress("2001:db8::25")!)])
        #expect(
            Set(try dns.lookup(question("shop.test", .mx))) == [
                .mailExchange(preference: 10, host: DNSName("mx1.shop.test")),
                .mailExchange(preference: 20, host: DNSName("mx2.shop.test")),
            ]
        )
    }

    @Test func followsACNAMEToTheRecordsAskedFor() throws {
        let records = try resolver().lookup(question("alias.shop.test", .a))
        #expect(Set(records) == [.address(IPAddress("192.0.2.10")!), .address(IPAddress("192.0.2.11")!)])
    }

    @Test func readsALongKeyBeyondTheOldUDPLimit() throws {
        let records = try resolver().lookup(question("s1._domainkey.shop.test", .txt))
        #expect(records == [.text("v=DKIM1; k=rsa; p=\(Self.longKey)")])
    }

    @Test func tellsAMissingNameFromMissingRecords() throws {
        let dns = try resolver()
        #expect(throws: DNSError.noSuchName) { try dns.lookup(question("nowhere.shop.test", .txt)) }
        #expect(throws: DNSError.noData) { try dns.lookup(question("v6.shop.test", .a)) }
    }

    /// glibc retries a SERVFAIL as it retries silence, and then reports both as a timeout.
    @Test func aServerFailureIsNotAMissingRecord() throws {
        #expect(throws: DNSError.timedOut) { try resolver().lookup(question("broken.shop.test", .txt)) }
    }

    @Test func aSilentServerTimesOutWithinTheBound() throws {
        let started = ContinuousClock.now
        #expect(throws: DNSError.timedOut) {
            try resolver(timeoutSeconds: 1, attempts: 2).lookup(question("slow.shop.test", .txt))
        }
        #expect(ContinuousClock.now - started < .seconds(6))
    }

    @Test func aClosedPortIsUnreachable() throws {
        // A server's port, once the server has stopped: nothing listens there.
        let port = try DNSTestServer(zone: Self.zone).port
        let dns = SystemResolver(server: DNSServerAddress("127.0.0.1:\(port)"), timeoutSeconds: 1, attempts: 1)
        #expect {
            try dns.lookup(question("shop.test", .txt))
        } throws: { error in
            guard case .unreachable = error as? DNSError else { return false }
            return true
        }
    }

    @Test func lookupsRunOnManyThreadsAtOnce() async throws {
        let dns = try resolver()
        let results = try await withThrowingTaskGroup(of: [DNSRecord].self) { group in
            for _ in 0..<16 {
                group.addTask { try dns.lookup(DNSQuestion(DNSName("shop.test")!, .a)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16 && results.allSatisfy { Set($0).count == 2 })
    }
}
