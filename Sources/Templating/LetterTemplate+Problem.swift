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
            /// Sections nested deeper than `limit`; the problem's line is the first opening tag
            /// past the limit. Refused before parsing: the parser recurses once per section.
            case nestedTooDeep(limit: Int)
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

        /// Sections of `part` nested deeper than `limit`, the first too deep at `line`:`column`.
        init(nestedTooDeep part: Part, limit: Int, line: Int, column: Int) {
            self.part = part
            self.line = line
            self.column = column
            kind = .nestedTooDeep(limit: limit)
            reason = Self.reason(kind, nil)
        }

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

        private static func reason(_ kind: Kind, _ error: (any Error)?) -> String {
            switch kind {
            case .unclosedSection(let tag?): "section \(tag) is opened but never closed"
            case .unclosedSection(nil): "a section is opened but never closed"
            case .mismatchedClose: "closing tag does not match the open section"
            case .unfinishedTag: "unfinished tag: a {{ without its }}"
            case .badDelimiter: "bad delimiter change"
            case .nestedTooDeep(let limit): "sections nested deeper than \(limit) levels"
            case .other: error.map { "\($0)" } ?? "syntax error"
            }
        }
    }
}
