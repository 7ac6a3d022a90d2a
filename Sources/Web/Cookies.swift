/// Reading the `Cookie` header and writing `Set-Cookie` values.
enum Cookies {
    /// The cookies a browser sent; malformed pairs are skipped, the first of a repeated name wins.
    static func parse(_ header: String?) -> [String: String] {
        guard let header else { return [:] }
        var cookies: [String: String] = [:]
        for pair in header.utf8.split(separator: UInt8(ascii: ";")) {
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = trimmed(pair[..<equals])
            var value = trimmed(pair[pair.index(after: equals)...])
            if value.count >= 2 && value.first == UInt8(ascii: "\"") && value.last == UInt8(ascii: "\"") {
                value = value.dropFirst().dropLast()
            }
            let key = String(decoding: name, as: UTF8.self)
            if !key.isEmpty && cookies[key] == nil { cookies[key] = String(decoding: value, as: UTF8.self) }
        }
        return cookies
    }

    /// `bytes` without the spaces around them.
    private static func trimmed(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end && bytes[start] == UInt8(ascii: " ") { start = bytes.index(after: start) }
        while end > start && bytes[bytes.index(before: end)] == UInt8(ascii: " ") { end = bytes.index(before: end) }
        return bytes[start..<end]
    }

    /// A `Set-Cookie` value: HttpOnly, SameSite=Strict, Path=/, Secure under HTTPS. Values are
    /// ours (random tokens, language codes), never user text.
    static func set(_ name: String, _ value: String, secure: Bool, maxAge: Int? = nil) -> String {
        var parts = ["\(name)=\(value)", "Path=/", "HttpOnly", "SameSite=Strict"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }

    /// A `Set-Cookie` value that removes the cookie.
    static func expire(_ name: String, secure: Bool) -> String {
        set(name, "", secure: secure, maxAge: 0)
    }
}
