import Foundation
import MailCore
import Testing

@Suite struct AddressScopeTests {
    /// The bytes of an address as the system's own parser reads it (what a socket would use).
    private func scope(_ text: String) -> AddressScope? {
        if text.contains(":") {
            var address = in6_addr()
            guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
            return AddressScope(addressBytes: withUnsafeBytes(of: &address) { Array($0) })
        }
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return AddressScope(addressBytes: withUnsafeBytes(of: &address) { Array($0) })
    }

    @Test(arguments: [
        // IPv4, at the edges of each range.
        ("0.0.0.0", AddressScope.thisNetwork), ("0.255.255.255", .thisNetwork),
        ("10.0.0.0", .privateNetwork), ("10.255.255.255", .privateNetwork),
        ("100.64.0.0", .sharedAddressSpace), ("100.127.255.255", .sharedAddressSpace),
        ("127.0.0.1", .loopback), ("127.255.255.254", .loopback),
        ("169.254.0.1", .linkLocal), ("169.254.169.254", .linkLocal),
        ("172.16.0.0", .privateNetwork), ("172.31.255.255", .privateNetwork),
        ("192.168.0.1", .privateNetwork), ("192.168.255.255", .privateNetwork),
        ("192.0.0.8", .reserved), ("192.0.2.1", .reserved), ("198.18.0.1", .reserved),
        ("198.51.100.7", .reserved), ("203.0.113.9", .reserved),
        ("224.0.0.1", .reserved), ("239.255.255.250", .reserved), ("240.0.0.1", .reserved),
        ("255.255.255.255", .reserved),
        // IPv6.
        ("::", .thisNetwork), ("::1", .loopback),
        ("fe80::1", .linkLocal), ("febf:ffff::1", .linkLocal),
        ("fc00::1", .privateNetwork), ("fdff:ffff::1", .privateNetwork), ("fec0::1", .privateNetwork),
        ("ff02::1", .reserved), ("2001:db8::25", .reserved), ("100::1", .reserved),
        // IPv4 inside IPv6: mapped, compatible, NAT64, 6to4.
        ("::ffff:127.0.0.1", .loopback), ("::ffff:10.1.2.3", .privateNetwork),
        ("::ffff:169.254.169.254", .linkLocal), ("::ffff:7f00:1", .loopback),
        ("::127.0.0.1", .loopback), ("::192.168.1.1", .privateNetwork),
        ("64:ff9b::10.0.0.1", .privateNetwork), ("64:ff9b::7f00:1", .loopback), ("64:ff9b:1::1", .privateNetwork),
        ("2002:c0a8:0101::1", .privateNetwork), ("2002:7f00:1::", .loopback),
    ])
    func nonPublicAddressesAreNamed(text: String, expected: AddressScope) {
        #expect(scope(text) == expected)
        #expect(scope(text)?.isPublic == false)
    }

    @Test(arguments: [
        "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255",
        "128.0.0.1", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.167.255.255",
        "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255", "94.100.180.200", "77.88.21.158",
        "2a00:1450:4010:c0e::6c", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1",
        "fbff::1",
    ])
    func publicAddressesPass(text: String) {
        #expect(scope(text) == .global)
        #expect(scope(text)?.isPublic == true)
    }

    @Test func onlyFourOrSixteenBytesAreAnAddress() {
        #expect(AddressScope(addressBytes: []) == nil)
        #expect(AddressScope(addressBytes: [127, 0, 0]) == nil)
        #expect(AddressScope(addressBytes: Array(repeating: 0, count: 8)) == nil)
    }

    @Test func everyScopeHasWords() {
        for scope in AddressScope.allCases {
            #expect(!scope.words.ru.isEmpty && !scope.words.en.isEmpty)
        }
    }
}
