/// Reading the `Cookie` header and writing `Set-Cookie` values.
enum Cookies {
    /// The cookies a browser sent; malformed pairs are skipped. A name sent twice is left out
    /// altogether: a second `mr_session` comes from a cookie someone else planted (a sibling
    /// subdomain, a plain-HTTP answer), and which of the two is the admin's cannot be told, so the
    /// request reads as having neither (no session, no form token).
    static func parse(_ header: String?) -> [String: String] {
        guard let header else { return [:] }
        var cookies: [String: String] = [:]
        var repeated: Set<String> = []
        for pair in header.utf8.split(separator: UInt8(ascii: ";")) {
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = trimmed(pair[..<equals])
            var value = trimmed(pair[pair.index(after: equals)...])
            if value.count >= 2 && value.first == UInt8(ascii: "\"") && value.last == UInt8(ascii: "\"") {
                value = value.dropFirst().dropLast()
            }
            let key = String(decoding: name, as: UTF8.self)
            guard !key.isEmpty, !repeated.contains(key) else { continue }
            if cookies[key] == nil {
                cookies[key] = String(decoding: value, as: UTF8.self)
            } else {
                cookies[key] = nil
                repeated.insert(key)
            }
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

    /// A `Set-Cookie` value: HttpOnly, SameSite=Strict, Path=/, Secure under HTTPS (so a
    /// `__Host-` name is accepted: it needs Secure, Path=/ and no Domain). Values are ours (random
    /// tokens, language codes, signed device marks), never user text.
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
