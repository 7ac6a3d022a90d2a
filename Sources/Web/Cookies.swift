/// Reading the `Cookie` header and writing `Set-Cookie` values.
enum Cookies {
    /// The cookies a browser sent; malformed pairs are skipped, the first of a repeated name wins.
    static func parse(_ header: String?) -> [String: String] {
        guard let header else { return [:] }
        var cookies: [String: String] = [:]
        for pair in header.split(separator: ";") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = pair[..<equals].trimmingCharacters(in: " ")
            var value = pair[pair.index(after: equals)...].trimmingCharacters(in: " ")
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            if !name.isEmpty && cookies[name] == nil { cookies[name] = value }
        }
        return cookies
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

extension Substring {
    func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
