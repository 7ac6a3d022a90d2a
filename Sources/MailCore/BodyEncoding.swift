import struct Foundation.Data

/// How one body part goes on the wire: quoted-printable for mostly-ASCII text, Base64 for
/// text that is mostly other scripts (Cyrillic costs 6 characters a letter in QP, under 3 in
/// Base64). Either way every line is at most 76 characters and ends in CRLF.
enum BodyEncoding: String {
    case quotedPrintable = "quoted-printable"
    case base64

    /// The cheaper encoding for `lines` of UTF-8 text.
    static func choose(for lines: [[UInt8]]) -> BodyEncoding {
        var quotedCost = 0
        var total = 0
        for line in lines {
            total += line.count + 2
            quotedCost += 2 + line.reduce(0) { cost, byte in cost + (byte >= 0x20 && byte < 0x7F ? 1 : 3) }
        }
        return quotedCost <= (total + 2) / 3 * 4 ? .quotedPrintable : .base64
    }

    /// The wire lines of `lines`, to be joined by CRLF.
    func encode(lines: [[UInt8]]) -> [[UInt8]] {
        switch self {
        case .quotedPrintable:
            return QuotedPrintable.encode(lines: lines)
        case .base64:
            let joined = Array(lines.joined(separator: [0x0D, 0x0A]))
            guard !joined.isEmpty else { return [[]] }
            let text = Data(joined).base64EncodedString(options: .lineLength76Characters)
            return text.utf8.split(whereSeparator: { $0 == 0x0D || $0 == 0x0A }).map(Array.init)
        }
    }

    /// The lines of `text`, split at CRLF, lone CR and lone LF alike, as UTF-8 without the breaks.
    static func lines(of text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var previousCR = false
        for byte in text.utf8 {
            if byte == 0x0A, previousCR {
                previousCR = false
                continue
            }
            previousCR = byte == 0x0D
            if byte == 0x0D || byte == 0x0A {
                lines.append(current)
                current = []
            } else {
                current.append(byte)
            }
        }
        lines.append(current)
        return lines
    }
}
