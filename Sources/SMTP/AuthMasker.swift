/// Masks the login exchange in client lines before they are recorded, so no credential ever
/// reaches a transcript.
///
/// `AUTH <mechanism>` opens the exchange: an initial response on that line becomes `****`, and
/// so does every client line after it (the base64 user name and password of LOGIN, the response
/// of PLAIN, CRAM-MD5 or XOAUTH2) until the server answers with something other than `334`.
struct AuthMasker {
    /// What replaces a secret.
    static let mask = "****"

    /// Whether the client is inside an `AUTH` exchange.
    private(set) var inExchange = false

    /// The line as it may be recorded.
    mutating func client(_ line: String) -> String {
        if inExchange { return Self.mask }
        let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard words.first?.uppercased() == "AUTH" else { return line }
        inExchange = true
        guard words.count > 1, Self.isMechanismName(words[1]) else { return "AUTH \(Self.mask)" }
        return words.count > 2 ? "AUTH \(words[1]) \(Self.mask)" : line
    }

    /// Notes a complete server reply: anything but `334` (more, please) ends the exchange.
    mutating func server(code: Int) {
        if code != 334 { inExchange = false }
    }

    /// SASL mechanism names: upper-case letters, digits, `-` and `_` (RFC 4422 §3.1).
    private static func isMechanismName(_ word: Substring) -> Bool {
        (1...20).contains(word.utf8.count)
            && word.utf8.allSatisfy { byte in
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
    }
}
