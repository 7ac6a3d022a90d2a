/// One header field being written: words are appended and the field is folded (CRLF and a
/// space) before a word that would carry a line past 78 characters (RFC 5322 §2.1.1).
///
/// Folding only ever happens at whitespace that is already there, so unfolding gives back the
/// exact field. Plain words are at most 77 characters and encoded-words at most 75, so every
/// line but one holding a long address stays within 78; none comes near 998.
struct FoldedHeader {
    static let lineLimit = 78
    /// The longest word written as it is; longer ASCII runs are encoded so they can be split.
    static let maxPlainWord = lineLimit - 1

    private var lines: [String]

    init(name: String) {
        lines = [name + ":"]
    }

    /// The field, its lines joined by CRLF, without the final CRLF.
    var text: String { lines.joined(separator: "\r\n") }

    private var currentLength: Int { lines[lines.count - 1].utf8.count }

    /// Appends `word` after `separator` (one or more spaces), folding first if it would not fit.
    mutating func append(_ word: String, separator: String = " ") {
        if currentLength + separator.utf8.count + word.utf8.count > FoldedHeader.lineLimit {
            lines.append(separator + word)
        } else {
            lines[lines.count - 1] += separator + word
        }
    }

    /// Appends `text` as encoded-words after `separator`: the first fills what is left of the
    /// current line, the next ones take a line each. The spaces between two encoded-words are
    /// dropped by decoders, so the words together decode to exactly `text`.
    mutating func appendEncoded(_ text: String, separator: String = " ") {
        let pieces = EncodedWord.pieces(of: text)
        var separator = separator
        var next = 0
        while next < pieces.count {
            let room = FoldedHeader.lineLimit - currentLength - separator.utf8.count
            let capacity = EncodedWord.capacity(forLength: room)
            var end = next
            var size = 0
            while end < pieces.count, size + pieces[end].count <= capacity {
                size += pieces[end].count
                end += 1
            }
            if end == next {
                // Nothing fits on this line: fold, and a fresh line carries at least one piece.
                lines.append(separator)
                separator = ""
                continue
            }
            end = FoldedHeader.preferredEnd(pieces, from: next, upTo: end)
            lines[lines.count - 1] += separator + EncodedWord.encode(Array(pieces[next..<end].joined()))
            separator = " "
            next = end
        }
    }

    /// Where a word that cannot take all the remaining text should end: right after a space in
    /// its second half if it has one, so a word of the text is not cut between two encoded-words.
    /// Decoders that wrongly keep the whitespace between encoded-words (Python's `email` in
    /// address headers) then show an extra space between words rather than inside one.
    private static func preferredEnd(_ pieces: [[UInt8]], from start: Int, upTo end: Int) -> Int {
        guard end < pieces.count else { return end }
        let half = start + (end - start + 1) / 2
        guard let space = pieces[half..<end].lastIndex(of: [0x20]) else { return end }
        return space + 1
    }

    /// Appends unstructured text (a subject): plain ASCII words as they are, each run of other
    /// words as encoded-words, so a decoder shows exactly `text`.
    ///
    /// A word is encoded when it has a non-ASCII character, holds `=?` (and so could be read as
    /// an encoded-word itself), or is too long to fold. Text with a tab, leading or trailing
    /// spaces or repeated spaces is encoded whole, which keeps every space as it was.
    mutating func appendUnstructured(_ text: String) {
        guard !text.isEmpty else { return }
        let keepsSpacing = !text.hasPrefix(" ") && !text.hasSuffix(" ") && !text.utf8.contains(pair: (0x20, 0x20))
        guard keepsSpacing, !text.utf8.contains(UInt8(ascii: "\t")) else {
            appendEncoded(text)
            return
        }
        var run: [Substring] = []
        for word in text.split(separator: " ") {
            if FoldedHeader.isPlain(word) {
                if !run.isEmpty { appendEncoded(run.joined(separator: " ")) }
                run = []
                append(String(word))
            } else {
                run.append(word)
            }
        }
        if !run.isEmpty { appendEncoded(run.joined(separator: " ")) }
    }

    /// Appends a mailbox (RFC 5322 §3.4): `Name <addr>`, `"Name, Inc." <addr>`, encoded-words
    /// for a name that is not plain ASCII, or the bare address when there is no name.
    mutating func appendMailbox(_ mailbox: Mailbox) {
        let name = mailbox.displayName
        guard !name.isEmpty else {
            append(mailbox.address.address)
            return
        }
        let words = name.split(separator: " ", omittingEmptySubsequences: false)
        let isPlain = words.allSatisfy { !$0.isEmpty && FoldedHeader.isPlain($0) }
        let quoted = FoldedHeader.quoted(name)
        if isPlain, words.allSatisfy({ $0.utf8.allSatisfy(FoldedHeader.isAtext) }) {
            for word in words { append(String(word)) }
        } else if isPlain, quoted.utf8.count <= FoldedHeader.maxPlainWord {
            append(quoted)
        } else {
            appendEncoded(name)
        }
        append("<\(mailbox.address.address)>")
    }

    /// Printable ASCII, short enough to fold, and nothing that starts an encoded-word.
    private static func isPlain(_ word: Substring) -> Bool {
        word.utf8.count <= maxPlainWord && word.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
            && !word.utf8.contains(pair: (UInt8(ascii: "="), UInt8(ascii: "?")))
    }

    /// RFC 5322 `atext`: what a display name may hold without quotes.
    private static func isAtext(_ byte: UInt8) -> Bool {
        let isAlnum = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
        return isAlnum || "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
    }

    /// A quoted-string with `"` and `\` escaped.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }
}

extension Sequence<UInt8> {
    /// Whether `pair` occurs as two adjacent bytes (a plain byte search: Foundation's string
    /// `contains` is many times slower, and this runs for every header of every letter).
    fileprivate func contains(pair: (UInt8, UInt8)) -> Bool {
        var previous: UInt8?
        for byte in self {
            if previous == pair.0, byte == pair.1 { return true }
            previous = byte
        }
        return false
    }
}
