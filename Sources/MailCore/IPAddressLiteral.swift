/// An IPv4 or IPv6 address typed as a server name.
struct IPAddressLiteral {
    /// The address as libcurl takes it in a URL host (IPv6 in brackets).
    let text: String

    init?(_ input: String) {
        var body = input
        if body.hasPrefix("[") && body.hasSuffix("]") { body = String(body.dropFirst().dropLast()) }
        if IPAddressLiteral.isIPv4(body) {
            text = body
        } else if IPAddressLiteral.isIPv6(body) {
            text = "[\(body.lowercased())]"
        } else {
            return nil
        }
    }

    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                part.count <= 3 && !part.isEmpty && part.allSatisfy(\.isASCIIDigit) && Int(part)! <= 255
            }
    }

    static func isIPv6(_ text: String) -> Bool {
        guard text.contains(":"), text.count <= 45 else { return false }
        let groups = text.split(separator: ":", omittingEmptySubsequences: false)
        let compressed = zip(text, text.dropFirst()).filter { $0 == ":" && $1 == ":" }.count
        guard compressed <= 1, groups.count <= 8, compressed == 1 || groups.count == 8 else { return false }
        return groups.allSatisfy { group in
            group.count <= 4 && group.allSatisfy(\.isHexDigit)
        }
    }
}

extension Character {
    /// `0`…`9` only (not other scripts' digits, which `isNumber` also accepts).
    public var isASCIIDigit: Bool { isASCII && isNumber }
}
