import Glibc

/// Who can connect to a listen address.
public enum ListenReach: Equatable, Sendable {
    /// A unix socket: whoever the file's owner, group and mode let in.
    case unixSocket
    /// A TCP port on a loopback address (127.0.0.0/8, ::1, localhost): this machine only.
    case loopback
    /// A TCP port others may reach: any other address, host name or a wildcard.
    case network(host: String)

    /// Who could connect to `address`, given as `FastCGIServer(listenOn:)` takes it.
    public init(address: String) throws(FastCGIError) {
        switch try ListenAddress(parsing: address) {
        case .unix: self = .unixSocket
        case .tcp(let host, _): self = Self.isLoopback(host) ? .loopback : .network(host: host)
        }
    }

    /// Whether `host` is a loopback address. Host names other than `localhost` count as not,
    /// since what they resolve to can change.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" { return true }
        var ipv4 = in_addr()
        if inet_pton(AF_INET, host, &ipv4) == 1 {
            return UInt32(bigEndian: ipv4.s_addr) >> 24 == 127
        }
        var ipv6 = in6_addr()
        guard inet_pton(AF_INET6, host, &ipv6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: ipv6) { Array($0) }
        let loopback: [UInt8] = Array(repeating: 0, count: 15) + [1]
        let mappedIPv4Loopback =
            bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
            && bytes[12] == 127
        return bytes == loopback || mappedIPv4Loopback
    }
}
