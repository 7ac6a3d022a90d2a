extension SMTPReply {
    /// Parses a whole reply, one string per line without the line end:
    /// `["550-5.1.1 No such user", "550 5.1.1 here"]` is code 550, enhanced code `5.1.1`, text
    /// `No such user here`.
    ///
    /// The enhanced code (RFC 3463) is taken from the first line and removed from the others when
    /// they repeat it. Returns nil when a line does not start with a reply code.
    public init?(lines: [String]) {
        guard let first = lines.first, let code = Self.code(of: first) else { return nil }
        var enhancedCode: String?
        var pieces: [String] = []
        for (index, line) in lines.enumerated() {
            guard Self.code(of: line) != nil else { return nil }
            var rest = line.dropFirst(4)
            if index == 0 {
                enhancedCode = Self.enhancedCode(startingWith: rest)
            }
            if let enhancedCode, rest == enhancedCode || rest.hasPrefix(enhancedCode + " ") {
                rest = rest.dropFirst(enhancedCode.count)
            }
            let piece = rest.trimmingSpaces()
            if !piece.isEmpty { pieces.append(piece) }
        }
        self.init(code: code, enhancedCode: enhancedCode, text: pieces.joined(separator: " "))
    }

    /// Parses a one-line reply: `SMTPReply(parsing: "451 4.3.0 Try later")`.
    public init?(parsing line: String) {
        self.init(lines: [line])
    }

    /// Whether `line` ends a reply: `250 OK` or `250` does, `250-SIZE 1000` does not, and neither
    /// does a line without a reply code.
    public static func isLastLine(_ line: String) -> Bool {
        guard code(of: line) != nil else { return false }
        let bytes = Array(line.utf8.prefix(4))
        return bytes.count == 3 || bytes[3] == UInt8(ascii: " ")
    }

    /// The three-digit code at the start of a reply line, followed by the end, a space or a dash.
    private static func code(of line: String) -> Int? {
        let bytes = Array(line.utf8.prefix(4))
        guard bytes.count >= 3, (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(bytes[0]) else { return nil }
        guard bytes[1].isDigit, bytes[2].isDigit else { return nil }
        if bytes.count == 4, bytes[3] != UInt8(ascii: " "), bytes[3] != UInt8(ascii: "-") { return nil }
        return bytes[..<3].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// `class.subject.detail` at the start of `text` (class 2, 4 or 5; one to three digits each).
    private static func enhancedCode(startingWith text: Substring) -> String? {
        let token = text.prefix { $0 != " " }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, ["2", "4", "5"].contains(parts[0]) else { return nil }
        let valid = parts[1...].allSatisfy { part in
            (1...3).contains(part.count) && part.utf8.allSatisfy(\.isDigit)
        }
        return valid ? String(token) : nil
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}
