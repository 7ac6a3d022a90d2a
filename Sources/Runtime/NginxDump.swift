/// What `nginx -T` (the whole configuration, every included file) says about mailrobot's site.
public struct NginxDump: Sendable, Equatable {
    /// The user nginx's workers run as (`user` in the main context; nginx's own default when absent).
    public let workerUser: String
    /// The unix socket paths of every `fastcgi_pass unix:…` line.
    public let fastCGISockets: [String]

    public init(parsing text: String) {
        var user: String?
        var sockets: [String] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" })
            guard let directive = words.first, words.count >= 2 else { continue }
            if directive == "user", user == nil {
                user = String(words[1])
            } else if directive == "fastcgi_pass", words[1].hasPrefix("unix:") {
                sockets.append(String(words[1].dropFirst("unix:".count)))
            }
        }
        workerUser = user ?? "nobody"
        fastCGISockets = sockets
    }
}
