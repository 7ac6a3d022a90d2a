import Glibc

/// The computer's canonical name, found as `hostname -f` finds it: `gethostname()`, then the
/// canonical name `getaddrinfo` gives for it (from `/etc/hosts` or DNS).
enum MachineName {
    /// Looked up once per process, when the first session builds its URL.
    static let canonical: String? = lookUp()

    private static func lookUp() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        let short = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var hints = addrinfo()
        hints.ai_flags = AI_CANONNAME
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(short, nil, &hints, &list) == 0, let list else { return short }
        defer { freeaddrinfo(list) }
        return list.pointee.ai_canonname.map { String(cString: $0) } ?? short
    }
}
