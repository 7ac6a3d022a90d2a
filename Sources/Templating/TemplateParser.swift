/// Reads a page template into `TemplateNode`s, with Mustache's rules for whitespace: a line that
/// holds only a section, comment, partial or block tag (and spaces) leaves nothing in the output,
/// not even its line break. The rules follow swift-mustache's parser, so pages render to the same
/// bytes they did when swift-mustache rendered them.
struct TemplateParser {
    /// Why a template does not parse, and where.
    struct Failure: Error, Equatable {
        let line: Int
        let column: Int
        let reason: String
    }

    private let characters: [Character]
    private var position = 0

    /// What the parser knows about the place it is in.
    fileprivate struct State {
        /// The section, block or layout being read (its closing tag must name it), and its line.
        var section: String?
        var sectionLine = 0
        /// At the start of a line: a tag here may be standalone.
        var atLineStart = true
        /// Inside a `{{<layout}}`: only block definitions count there.
        var inLayout = false
        var inLayoutTopLevel = false
        /// Inside a block definition, the first line's indentation, removed from every line.
        var blockIndentation: String?
    }

    private init(_ text: String) {
        characters = Array(text)
    }

    /// The template's nodes.
    static func parse(_ text: String) throws(Failure) -> [TemplateNode] {
        var parser = TemplateParser(text)
        return try parser.parse(State())
    }

    private mutating func parse(_ start: State) throws(Failure) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = start
        var indentation = ""
        while !atEnd {
            if state.atLineStart {
                let spaces = read { $0 == " " || $0 == "\t" }
                if state.inLayout && !state.inLayoutTopLevel {
                    if let blockIndentation = state.blockIndentation {
                        indentation = String(spaces.dropFirst(blockIndentation.count))
                    } else {
                        state.blockIndentation = spaces
                    }
                } else {
                    indentation = spaces
                }
            }
            let text = readText()
            if let character = current, character.isNewline {
                nodes.append(.text(indentation + text + String(character)))
                state.atLineStart = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(indentation + text))
                indentation = ""
                state.atLineStart = false
            }
            guard let kind = current else { break }
            let line = self.line
            var standalone = false
            /// Puts the whitespace before a tag that is not alone on its line back into the text.
            func keepIndentation() {
                if !indentation.isEmpty { nodes.append(.text(indentation)) }
                indentation = ""
            }
            switch kind {
            case "#", "^":
                position += 1
                let path = try readPath(line: line)
                standalone = isStandalone(state)
                if !standalone { keepIndentation() }
                let body = try parse(state.entering(path.text, line: line, atLineStart: standalone))
                nodes.append(.section(path, body, inverted: kind == "^"))
            case "/":
                position += 1
                let name = try readName()
                guard name == state.section else {
                    throw failure("{{/\(name)}} closes nothing that is open (open: \(state.section ?? "nothing"))")
                }
                if !isStandalone(state) { keepIndentation() }
                return nodes
            case "!":
                position += 1
                try skipComment()
                standalone = isStandalone(state)
            case ">":
                position += 1
                let name = try readName()
                keepIndentationText(indentation, into: &nodes)
                standalone = isStandalone(state)
                nodes.append(.partial(name, indentation: standalone ? indentation : nil))
                indentation = ""
            case "<":
                position += 1
                let name = try readName()
                keepIndentationText(indentation, into: &nodes)
                standalone = isStandalone(state)
                var inner = state.entering(name, line: line, atLineStart: true)
                inner.atLineStart = true
                inner.inLayout = true
                inner.inLayoutTopLevel = true
                var blocks: [String: [TemplateNode]] = [:]
                for node in try parse(inner) {
                    switch node {
                    case .block(let block, let body, _): blocks[block] = body
                    case .text: break
                    default: throw failure("only {{$block}}s may stand inside {{<\(name)}}")
                    }
                }
                nodes.append(.layout(name, indentation: indentation, blocks: blocks))
                indentation = ""
            case "$":
                position += 1
                let name = try readName()
                if state.inLayoutTopLevel {
                    standalone = isStandalone(state)
                    let body = try parse(state.entering(name, line: line, atLineStart: standalone))
                    nodes.append(.block(name, default: body, indentation: ""))
                } else {
                    keepIndentationText(indentation, into: &nodes)
                    standalone = isStandalone(state)
                    let body = try parse(state.entering(name, line: line, atLineStart: standalone))
                    nodes.append(.block(name, default: body, indentation: indentation))
                    indentation = ""
                }
            case "{", "&":
                throw failure("unescaped output ({{{…}}} or {{&…}}) is not allowed in a page")
            case "=", "%":
                throw failure("delimiter and pragma tags are not allowed in a page")
            default:
                keepIndentation()
                nodes.append(.variable(try readPath(line: line)))
            }
            state.atLineStart = standalone
        }
        if let section = state.section {
            throw failure("{{\(section)}} on line \(state.sectionLine) is opened but never closed")
        }
        return nodes
    }

    private func keepIndentationText(_ indentation: String, into nodes: inout [TemplateNode]) {
        if !indentation.isEmpty { nodes.append(.text(indentation)) }
    }

    // MARK: - Reading

    private var atEnd: Bool { position == characters.count }
    private var current: Character? { atEnd ? nil : characters[position] }

    /// The line the parser is on, 1-based.
    private var line: Int { characters[..<position].reduce(1) { $1.isNewline ? $0 + 1 : $0 } }

    private func failure(_ reason: String) -> Failure {
        let lineStart = characters[..<position].lastIndex(where: \.isNewline).map { $0 + 1 } ?? 0
        return Failure(line: line, column: position - lineStart + 1, reason: reason)
    }

    private mutating func read(while matches: (Character) -> Bool) -> String {
        let start = position
        while let character = current, matches(character) { position += 1 }
        return String(characters[start..<position])
    }

    /// Text up to a line break (not read) or `{{` (read).
    private mutating func readText() -> String {
        var text = ""
        while let character = current, !character.isNewline {
            if character == "{", position + 1 < characters.count, characters[position + 1] == "{" {
                position += 2
                return text
            }
            text.append(character)
            position += 1
        }
        return text
    }

    /// A tag's name up to `}}`.
    private mutating func readName() throws(Failure) -> String {
        _ = read(while: \.isWhitespace)
        let name = read { $0.isLetter || $0.isNumber || "._-/?".contains($0) }
        _ = read(while: \.isWhitespace)
        guard current == "}", position + 1 < characters.count, characters[position + 1] == "}" else {
            throw failure("a tag is not closed with }}")
        }
        position += 2
        return name
    }

    private mutating func readPath(line: Int) throws(Failure) -> TemplatePath {
        let name = try readName()
        guard !name.isEmpty else { throw failure("a tag without a name") }
        if name == "." { return TemplatePath(names: [], line: line) }
        let names = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !names.contains(where: \.isEmpty) else { throw failure("\(name) is not a name") }
        return TemplatePath(names: names, line: line)
    }

    private mutating func skipComment() throws(Failure) {
        while position + 1 < characters.count {
            if characters[position] == "}" && characters[position + 1] == "}" {
                position += 2
                return
            }
            position += 1
        }
        throw failure("a comment is not closed with }}")
    }

    /// True when the tag just read was alone on its line: then the rest of the line, its line
    /// break included, is skipped.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.atLineStart else { return false }
        if atEnd { return true }
        var end = position
        while end < characters.count, characters[end] == " " || characters[end] == "\t" { end += 1 }
        guard end < characters.count, characters[end].isNewline else { return false }
        position = end + 1
        return true
    }
}

extension TemplateParser.State {
    /// The state inside a section or block named `name`.
    fileprivate func entering(_ name: String, line: Int, atLineStart: Bool) -> Self {
        var inner = self
        inner.section = name
        inner.sectionLine = line
        inner.inLayoutTopLevel = false
        inner.atLineStart = atLineStart && self.atLineStart
        return inner
    }
}
