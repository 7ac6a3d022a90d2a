import HTTPCore

/// Whether a POST's `Origin` is the panel's own: the browser names the page the form was on, and
/// that must be the scheme, host and port this request came to (DESIGN.md §4, with the CSRF token).
///
/// The expected origin is built as Rails and Django build it: the scheme from `HTTPS`, the host and
/// port from `Host`, and, when `Host` has no port, the port nginx took the request on
/// (`SERVER_PORT`), left out when it is the scheme's default. Debian's stock `fastcgi_params` sends
/// `HTTP_HOST` as nginx's `$host`, without the port, so a panel on `:8080` would otherwise take
/// every form for a forged one. A request without `Origin` (older browsers, same-origin GET forms)
/// is left to the token alone; one with an `Origin` but no `Host` is refused.
enum OriginCheck {
    /// True when `request` carries no `Origin`, or the one the panel serves.
    static func allows(_ request: HTTPRequest) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.headers[.requestHost],
            let expected = expected(host: host, serverPort: request.serverPort, https: request.isHTTPS)
        else { return false }
        return origin.lowercased() == expected
    }

    /// The origin a browser shows for a page at `host` (the `Host` field) reached on `serverPort`,
    /// in lower case and without the scheme's default port; nil for a malformed `host`.
    static func expected(host: String, serverPort: Int?, https: Bool) -> String? {
        let scheme = https ? "https" : "http"
        let defaultPort = https ? 443 : 80
        guard let (name, hostPort) = split(host.lowercased()) else { return nil }
        let port = hostPort ?? serverPort ?? defaultPort
        return port == defaultPort ? "\(scheme)://\(name)" : "\(scheme)://\(name):\(port)"
    }

    /// `Host` as its name (an IPv6 literal with its brackets) and its port, if it has one.
    private static func split(_ host: String) -> (String, Int?)? {
        let nameEnd: String.Index
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            nameEnd = host.index(after: close)
        } else {
            nameEnd = host.firstIndex(of: ":") ?? host.endIndex
        }
        let name = String(host[..<nameEnd])
        let rest = host[nameEnd...]
        guard !name.isEmpty, name.allSatisfy({ !$0.isWhitespace && $0 != "/" && $0 != "@" }) else { return nil }
        if rest.isEmpty { return (name, nil) }
        guard rest.first == ":", let port = Int(rest.dropFirst()), (1...65535).contains(port) else { return nil }
        return (name, port)
    }
}
