/// The quoted-printable transfer encoding (RFC 2045 §6.7) for bodies that are mostly ASCII.
enum QuotedPrintable {
    /// The longest encoded line, soft line break included.
    static let maxLineLength = 76
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// The wire lines of `lines` (each without its line break): a hard line break between
    /// input lines, soft breaks (`=` at the end) inside a long one, never inside an `=XX`.
    static func encode(lines: [[UInt8]]) -> [[UInt8]] {
        lines.flatMap(encode(line:))
    }

    private static func encode(line: [UInt8]) -> [[UInt8]] {
        var wireLines: [[UInt8]] = []
        var current: [UInt8] = []
        for (index, byte) in line.enumerated() {
            let isLast = index == line.count - 1
            let token = self.token(for: byte, endsLine: isLast)
            // Leave room for the soft break unless this is the line's last token.
            let limit = isLast ? maxLineLength : maxLineLength - 1
            if current.count + token.count > limit {
                wireLines.append(current + [UInt8(ascii: "=")])
                current = []
            }
            current += token
        }
        wireLines.append(current)
        return wireLines
    }

    /// A byte as it is, or `=XX`: `=`, control characters, non-ASCII bytes, and a space or tab
    /// at the end of a line (which transports may strip).
    private static func token(for byte: UInt8, endsLine: Bool) -> [UInt8] {
        let isLiteral =
            (byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: "="))
            || ((byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && !endsLine)
        if isLiteral { return [byte] }
        return [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
    }
}
