import Mustache

extension LetterTemplate {
    /// A template that does not parse, with where and why.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong, in terms an admin can act on (the panel words each case).
        public enum Kind: Sendable, Equatable {
            /// A section is opened and never closed; `tag` is its opening tag as written
            /// (`{{#items}}`) when it could be found, and the problem's line is that tag's.
            case unclosedSection(tag: String?)
            /// A closing tag does not match the section that is open.
            case mismatchedClose
            /// A `{{` without its `}}`.
            case unfinishedTag
            /// A bad `{{=<% %>=}}` delimiter change.
            case badDelimiter
            /// Anything else the parser refuses.
            case other
        }

        public let part: Part
        /// 1-based line of the problem.
        public let line: Int
        public let column: Int
        public let kind: Kind
        /// The parser's own words, in English (for logs, the CLI and the API).
        public let reason: String

        public var description: String { "\(part.rawValue), line \(line): \(reason)" }

        /// The problem swift-mustache reported while parsing `source` (`lineOneShift`: characters
        /// the compiler put before the admin's first line).
        init(parsing error: any Error, source: String, part: Part, lineOneShift: Int) {
            let parsed = error as? MustacheTemplate.ParserError
            let cause = parsed?.error ?? error
            var kind = Self.kind(cause)
            var line = parsed?.context.lineNumber ?? 1
            var column = max(1, (parsed?.context.columnNumber ?? 1) - (line == 1 ? lineOneShift : 0))
            if case .unclosedSection = kind, let open = SectionScanner.innermostUnclosed(in: source) {
                (line, column) = (open.line, open.column)
                kind = .unclosedSection(tag: open.tag)
            }
            self.part = part
            self.line = line
            self.column = column
            self.kind = kind
            reason = Self.reason(kind, cause)
        }

        /// Kinds of the parser's errors. Any other error comes from its reader running out of
        /// text inside a tag (`Parser.Error.overflow`, not public).
        private static func kind(_ error: any Error) -> Kind {
            guard let error = error as? MustacheTemplate.Error else { return .unfinishedTag }
            switch error {
            case .expectedSectionEnd: return .unclosedSection(tag: nil)
            case .sectionCloseNameIncorrect: return .mismatchedClose
            case .unfinishedName: return .unfinishedTag
            case .invalidSetDelimiter: return .badDelimiter
            default: return .other
            }
        }

        private static func reason(_ kind: Kind, _ error: any Error) -> String {
            switch kind {
            case .unclosedSection(let tag?): "section \(tag) is opened but never closed"
            case .unclosedSection(nil): "a section is opened but never closed"
            case .mismatchedClose: "closing tag does not match the open section"
            case .unfinishedTag: "unfinished tag: a {{ without its }}"
            case .badDelimiter: "bad delimiter change"
            case .other: "\(error)"
            }
        }
    }
}

/// Finds where an unclosed section was opened: swift-mustache reports the end of the template,
/// but the admin needs the line of the `{{#name}}` that lacks its `{{/name}}`.
enum SectionScanner {
    struct Opening: Equatable {
        let tag: String
        let line: Int
        let column: Int
    }

    /// The innermost section still open at the end of `source`; nil when none is, or when the
    /// template changes its delimiters (the scanner reads only `{{ }}`).
    static func innermostUnclosed(in source: String) -> Opening? {
        var open: [Opening] = []
        var line = 1
        var column = 1
        var rest = Substring(source)
        while let start = rest.range(of: "{{") {
            (line, column) = advance(rest[..<start.lowerBound], line: line, column: column)
            guard let end = rest[start.upperBound...].range(of: "}}") else { break }
            let body = rest[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            switch body.first ?? " " {
            case "#", "^", "$", "<":
                open.append(Opening(tag: "{{\(body)}}", line: line, column: column))
            case "/":
                if !open.isEmpty { open.removeLast() }
            case "=":
                return nil
            default:
                break
            }
            (line, column) = advance(rest[start.lowerBound..<end.upperBound], line: line, column: column)
            rest = rest[end.upperBound...]
        }
        return open.last
    }

    private static func advance(_ text: Substring, line: Int, column: Int) -> (Int, Int) {
        var position = (line, column)
        for character in text {
            if character == "\n" || character == "\r\n" {
                position = (position.0 + 1, 1)
            } else {
                position.1 += 1
            }
        }
        return position
    }
}
