public import struct Foundation.TimeZone

/// Writes a letter as an RFC 5322 message: UTF-8, `multipart/alternative` (text, then HTML),
/// RFC 2047 encoded-words for names and subjects, folded headers, CRLF line ends.
///
/// No line of the result is longer than 998 octets, and no input can add a header: names and
/// Message-IDs are checked when their values are made, the subject here, and bodies only ever
/// appear quoted-printable or Base64 encoded.
public enum MessageBuilder {
    /// The message for `content`, its `Date:` shown in `timeZone`, with a random MIME boundary.
    public static func build(_ content: LetterContent, timeZone: TimeZone = .gmt) throws(HeaderProblem) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return try build(content, timeZone: timeZone, using: &generator)
    }

    /// The message for `content`, drawing the MIME boundary from `generator`.
    public static func build(
        _ content: LetterContent,
        timeZone: TimeZone = .gmt,
        using generator: inout some RandomNumberGenerator
    ) throws(HeaderProblem) -> [UInt8] {
        guard !HeaderSafety.hasControlCharacters(content.subject) else { throw .controlCharacters(.subject) }

        var message = MessageBytes(capacity: 1024 + 3 * (content.text.utf8.count + (content.html?.utf8.count ?? 0)) / 2)
        message.line("Date: " + RFC5322Date.format(content.date, in: timeZone))
        var from = FoldedHeader(name: "From")
        from.appendMailbox(content.from)
        var to = FoldedHeader(name: "To")
        to.appendMailbox(content.to)
        var subject = FoldedHeader(name: "Subject")
        subject.appendUnstructured(content.subject)
        for header in [
            from.text, to.text, subject.text, "Message-ID: <\(content.messageID.value)>", "MIME-Version: 1.0",
        ] {
            message.line(header)
        }
        if let html = content.html, !html.isEmpty {
            let boundary = self.boundary(using: &generator)
            message.line("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            message.line("")
            for (type, body) in [("text/plain", content.text), ("text/html", html)] {
                message.line("--" + boundary)
                message.part(type: type, body: body)
            }
            message.line("--" + boundary + "--")
        } else {
            message.part(type: "text/plain", body: content.text)
        }
        return message.bytes
    }

    /// `=_` and 24 random hex digits. No encoded part can contain it: quoted-printable writes
    /// `=` only before two hex digits or a line end, and Base64 has no `_`.
    private static func boundary(using generator: inout some RandomNumberGenerator) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = Array("=_".utf8)
        // 96 random bits from two draws (each draw of the system generator is a system call).
        for (word, count) in [(generator.next() as UInt64, 16), (generator.next() as UInt64, 8)] {
            for index in 0..<count { text.append(digits[Int(word >> (4 * UInt64(index)) & 0xF)]) }
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// The message being written: lines ended by CRLF.
private struct MessageBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func line(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// The headers, blank line and encoded lines of one text part.
    mutating func part(type: String, body: String) {
        let encoding = BodyEncoding.choose(for: body)
        line("Content-Type: \(type); charset=UTF-8")
        line("Content-Transfer-Encoding: \(encoding.rawValue)")
        line("")
        encoding.encode(body, into: &bytes)
    }
}
