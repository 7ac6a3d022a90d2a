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

        var headers: [String] = ["Date: " + RFC5322Date.format(content.date, in: timeZone)]
        var from = FoldedHeader(name: "From")
        from.appendMailbox(content.from)
        var to = FoldedHeader(name: "To")
        to.appendMailbox(content.to)
        var subject = FoldedHeader(name: "Subject")
        subject.appendUnstructured(content.subject)
        headers += [from.text, to.text, subject.text, "Message-ID: <\(content.messageID.value)>", "MIME-Version: 1.0"]

        var message: [String]
        if let html = content.html, !html.isEmpty {
            let boundary = self.boundary(using: &generator)
            headers.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            message = headers + [""]
            for (type, body) in [("text/plain", content.text), ("text/html", html)] {
                message.append("--" + boundary)
                message += part(type: type, body: body)
            }
            message.append("--" + boundary + "--")
        } else {
            message = headers + part(type: "text/plain", body: content.text)
        }
        return Array((message.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// The headers, blank line and encoded lines of one text part.
    private static func part(type: String, body: String) -> [String] {
        let lines = BodyEncoding.lines(of: body)
        let encoding = BodyEncoding.choose(for: lines)
        let encoded = encoding.encode(lines: lines).map { String(decoding: $0, as: UTF8.self) }
        return [
            "Content-Type: \(type); charset=UTF-8",
            "Content-Transfer-Encoding: \(encoding.rawValue)",
            "",
        ] + encoded
    }

    /// `=_` and 24 random hex digits. No encoded part can contain it: quoted-printable writes
    /// `=` only before two hex digits or a line end, and Base64 has no `_`.
    private static func boundary(using generator: inout some RandomNumberGenerator) -> String {
        let digits = Array("0123456789abcdef")
        return "=_" + String((0..<24).map { _ in digits[Int.random(in: 0..<16, using: &generator)] })
    }
}
