public import ArgumentParser
import Foundation
public import MailCore

/// `--dns-server ADDRESS[:PORT]` (env `MAILROBOT_DNS_SERVER`): the DNS server «Проверка домена»
/// asks instead of those of `/etc/resolv.conf`, for a test zone or a resolver of the shop's own.
public struct ResolverOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "DNS server for the domain check, IPv4 ADDRESS[:PORT], instead of /etc/resolv.conf's. Env: MAILROBOT_DNS_SERVER"
    )
    public var dnsServer: String?

    public init() {}

    public func validate() throws {
        if let text = given, DNSServerAddress(text) == nil {
            throw ValidationError(
                "--dns-server (or MAILROBOT_DNS_SERVER): expected an IPv4 address with an optional port, such as 127.0.0.1:5353"
            )
        }
    }

    /// The server to ask, or nil for the system's.
    public var server: DNSServerAddress? {
        given.flatMap(DNSServerAddress.init)
    }

    private var given: String? {
        dnsServer ?? ProcessInfo.processInfo.environment["MAILROBOT_DNS_SERVER"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
