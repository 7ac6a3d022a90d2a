import Foundation

/// A small, independent MIME reader for the builder's tests: it splits a message, unfolds and
/// decodes headers (RFC 2047, B and Q, anywhere in the text, as lenient mail programs do) and
/// decodes bodies, recording every rule of the wire format it sees broken.
final class MIMEReader {
    struct Part {
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// Everything wrong with the wire format, as readable notes; empty for a good message.
    private(set) var violations: [String] = []
    /// Every encoded-word found in any header.
    private(set) var encodedWords: [String] = []
    let message: Part
    let rawHeaderLines: [String]

    init(_ bytes: [UInt8]) {
        var violations: [String] = []
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A, index == 0 || bytes[index - 1] != 0x0D { violations.append("bare LF at \(index)") }
            if byte == 0x0D, index + 1 >= bytes.count || bytes[index + 1] != 0x0A {
                violations.append("bare CR at \(index)")
            }
        }
        if !bytes.suffix(2).elementsEqual([0x0D, 0x0A]) { violations.append("message does not end with CRLF") }
        let lines = MIMEReader.split(bytes, by: [0x0D, 0x0A])
        for line in lines where line.count > 998 { violations.append("line of \(line.count) octets") }
        let (part, headerLines) = MIMEReader.part(Array(bytes.dropLast(2)))
        message = part
        rawHeaderLines = headerLines
        for line in headerLines where line.utf8.count > 78 && !line.contains("@") {
            violations.append("header line over 78: \(line)")
        }
        self.violations = violations
    }

    /// The decoded text of a header (RFC 2047 words decoded, whitespace between words dropped).
    func decodedHeader(_ name: String) -> String? {
        guard let value = message.header(name) else { return nil }
        return decodeWords(value)
    }

    /// The display name and address of a `From:`/`To:` header.
    func mailbox(_ name: String) -> (name: String, address: String)? {
        guard let value = message.header(name) else { return nil }
        guard value.hasSuffix(">"), let open = value.lastIndex(of: "<") else { return ("", value) }
        let address = String(value[value.index(after: open)..<value.index(before: value.endIndex)])
        var phrase = String(value[..<open])
        if phrase.hasSuffix(" ") { phrase.removeLast() }
        if phrase.hasPrefix("\""), phrase.hasSuffix("\""), phrase.count >= 2 {
            var unquoted = ""
            var escaped = false
            for character in phrase.dropFirst().dropLast() {
                if !escaped, character == "\\" {
                    escaped = true
                    continue
                }
                escaped = false
                unquoted.append(character)
            }
            return (unquoted, address)
        }
        return (decodeWords(phrase), address)
    }

    /// The decoded body text of `part`, after its transfer encoding.
    func decodedText(_ part: Part) -> String? {
        let encoding = part.header("Content-Transfer-Encoding")?.lowercased()
        let bytes: [UInt8]?
        switch encoding {
        case "base64":
            let lines = MIMEReader.split(part.body, by: [0x0D, 0x0A])
            for line in lines where line.count > 76 { violations.append("base64 line of \(line.count)") }
            bytes = Data(base64Encoded: Data(lines.joined()), options: []).map { Array($0) }
        case "quoted-printable":
            bytes = decodeQuotedPrintable(part.body)
        default:
            violations.append("unexpected transfer encoding \(encoding ?? "none")")
            bytes = nil
        }
        guard let bytes else { return nil }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            violations.append("body is not UTF-8")
            return nil
        }
        return text
    }

    /// The parts of a `multipart/*` message, split at its boundary.
    func parts() -> (boundary: String, parts: [Part])? {
        guard let type = message.header("Content-Type"), type.lowercased().hasPrefix("multipart/alternative"),
            let start = type.range(of: "boundary=\"")
        else { return nil }
        let rest = type[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        let boundary = String(rest[..<end])
        let body = [0x0D, 0x0A] + message.body
        var sections = MIMEReader.split(body, by: Array("\r\n--\(boundary)".utf8))
        guard sections.count >= 3, sections.removeLast().elementsEqual("--".utf8) else {
            violations.append("no closing boundary")
            return nil
        }
        sections.removeFirst()  // the (empty) preamble
        return (
            boundary,
            sections.map { section in
                guard section.starts(with: [0x0D, 0x0A]) else {
                    violations.append("boundary line followed by text")
                    return Part(headers: [], body: [])
                }
                return MIMEReader.part(Array(section.dropFirst(2))).part
            }
        )
    }

    private func decodeWords(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        var lastWasWord = false
        while let match = rest.firstMatch(of: MIMEReader.encodedWordPattern) {
            let before = rest[..<match.range.lowerBound]
            let word = String(match.output.0)
            encodedWords.append(word)
            if word.count > 75 { violations.append("encoded-word over 75: \(word)") }
            // Whitespace between two encoded-words is not part of the text (RFC 2047 §6.2).
            if !lastWasWord || !before.allSatisfy(\.isWhitespace) { result += before }
            guard let decoded = MIMEReader.decodeEncodedWord(word) else {
                violations.append("encoded-word not valid UTF-8 on its own: \(word)")
                return text
            }
            result += decoded
            lastWasWord = true
            rest = rest[match.range.upperBound...]
        }
        return result + rest
    }

    nonisolated(unsafe) static let encodedWordPattern = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/

    /// The text of one encoded-word, or nil when it is not UTF-8 or not valid UTF-8 on its own.
    static func decodeEncodedWord(_ word: String) -> String? {
        guard let match = word.wholeMatch(of: encodedWordPattern), match.output.1.uppercased() == "UTF-8" else {
            return nil
        }
        let payload = match.output.3
        let bytes: [UInt8]?
        if match.output.2.uppercased() == "B" {
            bytes = Data(base64Encoded: String(payload)).map { Array($0) }
        } else {
            bytes = decodeQ(payload)
        }
        return bytes.flatMap { String(validating: $0, as: UTF8.self) }
    }

    private static func decodeQ(_ payload: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        var iterator = payload.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "_") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "=") {
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return bytes
    }

    private func decodeQuotedPrintable(_ body: [UInt8]) -> [UInt8]? {
        var result: [UInt8] = []
        let lines = MIMEReader.split(body, by: [0x0D, 0x0A])
        for (index, line) in lines.enumerated() {
            if line.count > 76 { violations.append("quoted-printable line of \(line.count)") }
            if let last = line.last, last == 0x20 || last == 0x09 { violations.append("trailing whitespace in QP") }
            var position = 0
            var soft = false
            while position < line.count {
                let byte = line[position]
                if byte == UInt8(ascii: "=") {
                    if position == line.count - 1 {
                        soft = true
                        break
                    }
                    guard position + 2 < line.count,
                        let value = UInt8(String(decoding: line[position + 1...position + 2], as: UTF8.self), radix: 16)
                    else {
                        violations.append("bad = escape in QP")
                        return nil
                    }
                    result.append(value)
                    position += 3
                } else {
                    if byte > 0x7E || (byte < 0x20 && byte != 0x09) { violations.append("raw byte \(byte) in QP") }
                    result.append(byte)
                    position += 1
                }
            }
            if !soft, index < lines.count - 1 { result += [0x0D, 0x0A] }
        }
        return result
    }

    private static func part(_ bytes: [UInt8]) -> (part: Part, headerLines: [String]) {
        let sections = split(bytes, by: [0x0D, 0x0A, 0x0D, 0x0A], limit: 1)
        let headerLines = split(sections[0], by: [0x0D, 0x0A]).map { String(decoding: $0, as: UTF8.self) }
        var headers: [(name: String, value: String)] = []
        for line in headerLines {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !headers.isEmpty {
                headers[headers.count - 1].value += line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        headers = headers.map { ($0.name, String($0.value.drop(while: { $0 == " " }))) }
        return (Part(headers: headers, body: sections.count > 1 ? sections[1] : []), headerLines)
    }

    static func split(_ bytes: [UInt8], by separator: [UInt8], limit: Int = .max) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var start = 0
        var index = 0
        while index + separator.count <= bytes.count, pieces.count < limit {
            if bytes[index..<index + separator.count].elementsEqual(separator) {
                pieces.append(Array(bytes[start..<index]))
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(Array(bytes[start...]))
        return pieces
    }
}
