/// The DNS server to ask instead of `/etc/resolv.conf`'s (`MAILROBOT_DNS_SERVER`, `--dns-server`):
/// an IPv4 address with an optional port, `127.0.0.1:5353` or `192.0.2.53`.
///
/// IPv4 only: glibc's resolver keeps the servers an application may set in an IPv4 list.
public struct DNSServerAddress: Sendable, Equatable, CustomStringConvertible {
    public let address: IPAddress
    public let port: Int

    /// Parses `ADDRESS[:PORT]`; nil for anything else (a name, IPv6, a port outside 1–65535).
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = IPAddress(String(parts[0])), address.isIPv4 else {
            return nil
        }
        var port = 53
        if parts.count == 2 {
            guard (1...5).contains(parts[1].count), parts[1].allSatisfy(\.isASCIIDigit), let value = Int(parts[1]),
                (1...65535).contains(value)
            else { return nil }
            port = value
        }
        self.address = address
        self.port = port
    }

    public var description: String { "\(address):\(port)" }
}
