/// Reads the section tags of a Mustache template without parsing it: where an unclosed section
/// was opened (swift-mustache reports the end of the template, but the admin needs the line of
/// the `{{#name}}` that lacks its `{{/name}}`), and whether sections nest too deep to parse
/// safely (the parser recurses once per section, on whatever stack the request runs on).
enum SectionScanner {
    /// A tag as written, with where it starts.
    struct Tag: Equatable {
        /// The text between the delimiters, trimmed of spaces.
        let body: String
        let line: Int
        /// 1-based, in Unicode scalars from the start of the line.
        let column: Int

        /// `#`, `^`, `$` and `<` open a section (or a block); `/` closes one.
        var opensSection: Bool { ["#", "^", "$", "<"].contains(body.first) }
        var closesSection: Bool { body.first == "/" }
        var changesDelimiters: Bool { body.first == "=" }
    }

    struct Opening: Equatable {
        let tag: String
        let line: Int
        let column: Int
    }

    /// The innermost section still open at the end of `source`; nil when none is, or when the
    /// template changes its delimiters.
    static func innermostUnclosed(in source: String) -> Opening? {
        var open: [Opening] = []
        for tag in tags(in: source) {
            if tag.changesDelimiters { return nil }
            if tag.opensSection { open.append(Opening(tag: "{{\(tag.body)}}", line: tag.line, column: tag.column)) }
            if tag.closesSection, !open.isEmpty { open.removeLast() }
        }
        return open.last
    }

    /// The first opening tag that nests deeper than `limit` sections, if any. Delimiter changes
    /// are followed, so `{{=<% %>=}}` does not hide the sections written after it.
    static func firstTooDeep(in source: String, limit: Int) -> Tag? {
        var depth = 0
        var tooDeep: Tag?
        scan(source) { tag in
            if tag.opensSection {
                depth += 1
                if depth > limit { tooDeep = tag }
            }
            if tag.closesSection { depth = max(0, depth - 1) }
            return tooDeep == nil
        }
        return tooDeep
    }

    /// Every tag of `source`, in order, following `{{=… …=}}` delimiter changes; stops at a tag
    /// that is never finished. Works on the UTF-8 bytes, in one pass.
    static func tags(in source: String) -> [Tag] {
        var found: [Tag] = []
        scan(source) { tag in
            found.append(tag)
            return true
        }
        return found
    }

    /// Calls `visit` with each tag of `source` in order until it returns false (see `tags(in:)`).
    static func scan(_ source: String, _ visit: (Tag) -> Bool) {
        let bytes = Array(source.utf8)
        var (open, close) = (Array("{{".utf8), Array("}}".utf8))
        var position = (line: 1, column: 1)
        var index = 0
        while let start = find(open, in: bytes, from: index) {
            position = advance(bytes[index..<start], from: position)
            let bodyStart = start + open.count
            // The triple mustache `{{{name}}}` ends with one more brace.
            let triple = open == Array("{{".utf8) && bodyStart < bytes.count && bytes[bodyStart] == UInt8(ascii: "{")
            let end = triple ? Array("}}}".utf8) : close
            guard let bodyEnd = find(end, in: bytes, from: bodyStart) else { break }
            let body = String(decoding: bytes[bodyStart..<bodyEnd], as: UTF8.self).trimmingSpaces()
            let tag = Tag(body: body, line: position.line, column: position.column)
            guard visit(tag) else { return }
            if tag.changesDelimiters, let delimiters = Self.delimiters(body) {
                (open, close) = (Array(delimiters.0.utf8), Array(delimiters.1.utf8))
            }
            index = bodyEnd + end.count
            position = advance(bytes[start..<index], from: position)
        }
    }

    /// Where `needle` first occurs in `bytes` at or after `start`.
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == first, bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// The new delimiters of a `=<% %>=` tag body, or nil when it is malformed (the parser
    /// refuses it then).
    private static func delimiters(_ body: String) -> (String, String)? {
        guard body.count >= 2, body.last == "=" else { return nil }
        let parts = body.dropFirst().dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// The position after `text`: a line feed starts a new line, every other Unicode scalar (the
    /// first byte of each UTF-8 sequence) moves one column.
    private static func advance(
        _ text: ArraySlice<UInt8>,
        from start: (line: Int, column: Int)
    ) -> (line: Int, column: Int) {
        var position = start
        for byte in text {
            if byte == UInt8(ascii: "\n") {
                position = (position.line + 1, 1)
            } else if byte & 0xC0 != 0x80, byte != UInt8(ascii: "\r") {
                position.column += 1
            }
        }
        return position
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        let isSpace = { (character: Character) in character == " " || character == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
