/// Where an IP address leads: the public internet, or a network a mail profile must not reach
/// unless the admin allowed it (the server's own loopback, its link, a private range), so that
/// «Проверка профиля» cannot be turned into a scanner of the server's own network.
///
/// Decided on the address bytes the connection would actually use (after DNS), so a public name
/// that resolves to 127.0.0.1 is caught as well as a literal. IPv6 forms that carry an IPv4
/// address (`::ffff:10.0.0.1`, `::10.0.0.1`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by
/// the IPv4 address inside.
public enum AddressScope: String, Sendable, CaseIterable {
    /// A public address.
    case global
    /// This host: 127.0.0.0/8, ::1.
    case loopback
    /// The local link: 169.254.0.0/16, fe80::/10.
    case linkLocal
    /// A private network: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7 (unique local),
    /// fec0::/10 (old site-local), 64:ff9b:1::/48 (local NAT64).
    case privateNetwork
    /// The carrier-grade NAT range 100.64.0.0/10, private to a provider's network.
    case sharedAddressSpace
    /// "This network" 0.0.0.0/8 and the unspecified ::, which reach this host on Linux.
    case thisNetwork
    /// Multicast, broadcast, benchmarking, documentation and other reserved ranges: nothing a
    /// mail host has.
    case reserved

    /// True for an address on the public internet.
    public var isPublic: Bool { self == .global }

    /// The scope of an address given as its 4 (IPv4) or 16 (IPv6) bytes in network order; nil
    /// for any other length.
    public init?(addressBytes bytes: [UInt8]) {
        switch bytes.count {
        case 4: self = Self.ipv4(bytes[0], bytes[1], bytes[2], bytes[3])
        case 16: self = Self.ipv6(bytes)
        default: return nil
        }
    }

    private static func ipv4(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> AddressScope {
        switch (a, b) {
        case (0, _): return .thisNetwork
        case (10, _): return .privateNetwork
        case (100, 64...127): return .sharedAddressSpace
        case (127, _): return .loopback
        case (169, 254): return .linkLocal
        case (172, 16...31): return .privateNetwork
        case (192, 168): return .privateNetwork
        // IETF protocol assignments, documentation (TEST-NET-1/2/3), 6to4 relay anycast.
        case (192, 0) where c == 0 || c == 2: return .reserved
        case (192, 88) where c == 99: return .reserved
        case (198, 18...19): return .reserved
        case (198, 51) where c == 100: return .reserved
        case (203, 0) where c == 113: return .reserved
        // Multicast, then the old class E and the broadcast address.
        case (224...255, _): return .reserved
        default: return .global
        }
    }

    private static func ipv6(_ bytes: [UInt8]) -> AddressScope {
        let firstTen = bytes[0..<10].allSatisfy { $0 == 0 }
        let embedded = Self.ipv4(bytes[12], bytes[13], bytes[14], bytes[15])
        if firstTen && bytes[10] == 0 && bytes[11] == 0 {
            // ::, ::1, and the deprecated IPv4-compatible ::a.b.c.d.
            if bytes[12..<15].allSatisfy({ $0 == 0 }) {
                if bytes[15] == 0 { return .thisNetwork }
                if bytes[15] == 1 { return .loopback }
            }
            return embedded
        }
        // IPv4-mapped ::ffff:a.b.c.d.
        if firstTen && bytes[10] == 0xFF && bytes[11] == 0xFF { return embedded }
        // NAT64 well-known prefix 64:ff9b::/96 and the local-use 64:ff9b:1::/48.
        if bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xFF && bytes[3] == 0x9B {
            if bytes[4..<12].allSatisfy({ $0 == 0 }) { return embedded }
            if bytes[4] == 0x00 && bytes[5] == 0x01 { return .privateNetwork }
        }
        // 6to4 2002:a.b.c.d::/48 carries the IPv4 address in bytes 2–5.
        if bytes[0] == 0x20 && bytes[1] == 0x02 {
            let inner = Self.ipv4(bytes[2], bytes[3], bytes[4], bytes[5])
            if inner != .global { return inner }
        }
        switch bytes[0] {
        case 0xFC, 0xFD: return .privateNetwork
        case 0xFE where bytes[1] & 0xC0 == 0x80: return .linkLocal
        case 0xFE where bytes[1] & 0xC0 == 0xC0: return .privateNetwork
        case 0xFF: return .reserved
        default: break
        }
        // Discard-only 100::/64, documentation 2001:db8::/32.
        if bytes[0] == 0x01 && bytes[1] == 0x00 && bytes[2..<8].allSatisfy({ $0 == 0 }) { return .reserved }
        if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8 { return .reserved }
        return .global
    }
}

extension AddressScope {
    /// What the scope is, for a message that names the address ("127.0.0.1 is …").
    public var words: LocalizedText {
        switch self {
        case .global: LocalizedText(ru: "публичный адрес", en: "a public address")
        case .loopback: LocalizedText(ru: "адрес этого же сервера (loopback)", en: "a loopback address of this server")
        case .linkLocal: LocalizedText(ru: "адрес локального сегмента сети (link-local)", en: "a link-local address")
        case .privateNetwork: LocalizedText(ru: "адрес внутренней сети", en: "an address of a private network")
        case .sharedAddressSpace:
            LocalizedText(ru: "адрес внутренней сети провайдера (100.64.0.0/10)", en: "a carrier-grade NAT address")
        case .thisNetwork: LocalizedText(ru: "адрес «этой сети» (0.0.0.0/8)", en: "a “this network” address")
        case .reserved: LocalizedText(ru: "зарезервированный адрес", en: "a reserved address")
        }
    }
}
