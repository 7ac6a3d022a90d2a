/// An IPv4 or IPv6 address typed as a server name.
struct IPAddressLiteral {
    /// The address as libcurl takes it in a URL host (IPv6 in brackets).
    let text: String

    init?(_ input: String) {
        var body = input
        if body.hasPrefix("[") && body.hasSuffix("]") { body = String(body.dropFirst().dropLast()) }
        guard let address = IPAddress(body) else { return nil }
        text = address.isIPv4 ? body : "[\(body.lowercased())]"
    }
}

extension Character {
    /// `0`…`9` only (not other scripts' digits, which `isNumber` also accepts).
    public var isASCIIDigit: Bool { isASCII && isNumber }
}
