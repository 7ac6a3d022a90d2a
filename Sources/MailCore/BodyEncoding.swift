/// How one body part goes on the wire: quoted-printable for mostly-ASCII text, Base64 for
/// text that is mostly other scripts (Cyrillic costs 6 characters a letter in QP, under 3 in
/// Base64). Either way every line is at most 76 characters and ends in CRLF.
///
/// The text's lines are its UTF-8 split at CRLF, lone CR and lone LF alike. Encoding writes
/// straight into the message's bytes: a letter is built once per attempt, for every letter a
/// run sends.
enum BodyEncoding: String {
    case quotedPrintable = "quoted-printable"
    case base64

    /// The cheaper encoding for the lines of `text`.
    static func choose(for text: String) -> BodyEncoding {
        var lines = 1
        var bytes = 0
        var quotedCost = 0
        forEachLine(of: text) { line in
            lines += 1
            bytes += line.count
            for byte in line { quotedCost += byte >= 0x20 && byte < 0x7F ? 1 : 3 }
        }
        lines -= 1
        let total = bytes + 2 * lines
        return quotedCost + 2 * lines <= (total + 2) / 3 * 4 ? .quotedPrintable : .base64
    }

    /// Appends the wire lines of `text` to `out`, each ended by CRLF.
    func encode(_ text: String, into out: inout [UInt8]) {
        switch self {
        case .quotedPrintable: QuotedPrintable.encode(text, into: &out)
        case .base64: Base64Lines.encode(text, into: &out)
        }
    }

    /// Calls `body` with each line of `text` (without its line break), in order.
    static func forEachLine(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0D || byte == 0x0A {
                    body(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                    start = index
                } else {
                    index += 1
                }
            }
            body(UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
    }
}

/// Base64 (RFC 2045 §6.8) of a text's lines joined by CRLF, in lines of 76 characters.
enum Base64Lines {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ text: String, into out: inout [UInt8]) {
        var joined: [UInt8] = []
        joined.reserveCapacity(text.utf8.count + 16)
        var first = true
        BodyEncoding.forEachLine(of: text) { line in
            if !first {
                joined.append(0x0D)
                joined.append(0x0A)
            }
            first = false
            joined.append(contentsOf: line)
        }
        let groups = (joined.count + 2) / 3
        let size = groups * 4 + (groups + 18) / 19 * 2 + 2
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: size))
        let written = out.withUnsafeMutableBufferPointer { buffer in
            joined.withUnsafeBufferPointer { input in
                alphabet.withUnsafeBufferPointer { alphabet in
                    var at = start
                    var index = 0
                    var column = 0
                    while index < input.count {
                        let count = min(3, input.count - index)
                        let b0 = input[index]
                        let b1 = count > 1 ? input[index + 1] : 0
                        let b2 = count > 2 ? input[index + 2] : 0
                        if column == 76 {
                            buffer[at] = 0x0D
                            buffer[at + 1] = 0x0A
                            at += 2
                            column = 0
                        }
                        buffer[at] = alphabet[Int(b0 >> 2)]
                        buffer[at + 1] = alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)]
                        buffer[at + 2] = count > 1 ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "=")
                        buffer[at + 3] = count > 2 ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "=")
                        at += 4
                        column += 4
                        index += 3
                    }
                    buffer[at] = 0x0D
                    buffer[at + 1] = 0x0A
                    return at + 2
                }
            }
        }
        out.removeLast(out.count - written)
    }
}
