/// The quoted-printable transfer encoding (RFC 2045 §6.7) for bodies that are mostly ASCII.
enum QuotedPrintable {
    /// The longest encoded line, soft line break included.
    static let maxLineLength = 76
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Appends the wire lines of `text` to `out`, each ended by CRLF: a hard line break between
    /// input lines, soft breaks (`=` at the end) inside a long one, never inside an `=XX`.
    static func encode(_ text: String, into out: inout [UInt8]) {
        BodyEncoding.forEachLine(of: text) { encode(line: $0, into: &out) }
    }

    private static func encode(line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var length = 0
        for index in line.indices {
            let byte = line[index]
            let isLast = index == line.count - 1
            // `=`, control characters, non-ASCII bytes, and a space or tab at the end of a
            // line (which transports may strip) are written as `=XX`.
            let isLiteral =
                (byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: "="))
                || ((byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && !isLast)
            let size = isLiteral ? 1 : 3
            // Leave room for the soft break unless this is the line's last token.
            if length + size > (isLast ? maxLineLength : maxLineLength - 1) {
                out.append(UInt8(ascii: "="))
                out.append(0x0D)
                out.append(0x0A)
                length = 0
            }
            if isLiteral {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "="))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
            length += size
        }
        out.append(0x0D)
        out.append(0x0A)
    }
}
