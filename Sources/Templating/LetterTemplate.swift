import Foundation
public import MailCore
import Mustache

/// One event's letter: subject, HTML and plain-text templates in Mustache. HTML escapes
/// variables; subject and text do not (they are not HTML). An empty text template means
/// "derive the text from the HTML".
public struct LetterTemplate: Sendable {
    /// Which of the three templates a problem is in.
    public enum Part: String, Sendable, CaseIterable {
        case subject
        case html
        case text
    }

    private let subject: MustacheTemplate
    private let html: MustacheTemplate
    private let text: MustacheTemplate?

    /// The `{{% CONTENT_TYPE: TEXT}}` pragma turns HTML escaping off for subject and text; the
    /// HTML part escapes with `HTMLEscaping`.
    private static let textPragma = "{{% CONTENT_TYPE: TEXT}}"

    /// The deepest nesting of sections a letter template may have. swift-mustache's parser (and
    /// its renderer) recurse once per section on the request's thread, whose stack is not made
    /// for thousands of levels: a stack overflow would take the whole FastCGI process down.
    public static let maxSectionDepth = 100

    /// The largest rendered HTML or text part, in UTF-8 bytes.
    public static let maxBodyBytes = 1 << 20
    /// The longest subject, in characters (RFC 5322's line limit).
    public static let maxSubjectLength = 998

    private static func pragma(_ plainText: Bool) -> String {
        plainText ? textPragma : HTMLEscaping.pragma
    }

    /// Compiles the three templates; the first that does not parse is reported with its line.
    public init(subject: String, html: String, text: String) throws(Problem) {
        self.subject = try Self.compile(subject, .subject, plainText: true)
        self.html = try Self.compile(html, .html, plainText: false)
        self.text = text.allSatisfy(\.isWhitespace) ? nil : try Self.compile(text, .text, plainText: true)
    }

    /// The letter for `data` (a JSON object of variables; anything else renders with none).
    public func render(_ data: JSONValue) -> RenderedLetter {
        let context = data.mustacheContext ?? [String: Any]()
        let htmlBody = html.render(context)
        let textBody = text?.render(context) ?? HTMLToText.convert(htmlBody)
        return RenderedLetter(subject: subjectLine(context), html: htmlBody, text: textBody)
    }

    /// The subject as one line: runs of spaces and tabs become one space, ends trimmed.
    private func subjectLine(_ context: Any) -> String {
        subject.render(context).split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The first path of `data` (in `JSONValue.pathsOfControlCharacters` order) whose line break
    /// or control character reaches the rendered subject, or nil when none does. A template may
    /// use a variable only in the body, or a section may hide it: only a value that actually
    /// lands in the Subject header is named.
    ///
    /// Renders the subject with the control characters of every other value replaced by spaces
    /// (so no section changes its truth), halving the candidates each time: a few renders even
    /// for thousands of candidates.
    public func pathReachingSubject(_ data: JSONValue) -> String? {
        let candidates = data.pathsOfControlCharacters()
        func reaches(firstCount count: Int) -> Bool {
            let kept = Set(candidates.prefix(count))
            let context = data.replacingControlCharacters(except: kept).mustacheContext ?? [String: Any]()
            return HeaderSafety.hasControlCharacters(subjectLine(context))
        }
        guard !candidates.isEmpty, reaches(firstCount: candidates.count) else { return nil }
        // The smallest count whose values, left as they are, put a control character in the subject.
        var (low, high) = (1, candidates.count)
        while low < high {
            let middle = (low + high) / 2
            if reaches(firstCount: middle) { high = middle } else { low = middle + 1 }
        }
        return candidates[low - 1]
    }

    /// Every problem of the three templates (empty when all parse), so a form can show each
    /// next to its field.
    public static func problems(subject: String, html: String, text: String) -> [Problem] {
        var problems: [Problem] = []
        let parts = [(subject, Part.subject, true), (html, .html, false), (text, .text, true)]
        for (source, part, plainText) in parts {
            do {
                _ = try compile(source, part, plainText: plainText)
            } catch {
                problems.append(error)
            }
        }
        return problems
    }

    private static func compile(_ source: String, _ part: Part, plainText: Bool) throws(Problem) -> MustacheTemplate {
        if let tag = SectionScanner.firstTooDeep(in: source, limit: maxSectionDepth) {
            throw Problem(nestedTooDeep: part, limit: maxSectionDepth, line: tag.line, column: tag.column)
        }
        do {
            return try MustacheTemplate(string: pragma(plainText) + source)
        } catch {
            throw Problem(parsing: error, source: source, part: part, lineOneShift: pragma(plainText).count)
        }
    }
}

/// A letter rendered from its templates: what is queued and sent.
public struct RenderedLetter: Sendable, Equatable {
    public var subject: String
    public var html: String
    public var text: String

    public init(subject: String, html: String, text: String) {
        self.subject = subject
        self.html = html
        self.text = text
    }
}

extension JSONValue {
    /// The value as swift-mustache reads it: dictionaries, arrays, strings, numbers, booleans.
    /// `null` is left out (of objects and arrays alike), so `{{#coupon}}` is false and `{{coupon}}`
    /// empty for `"coupon": null`, as for a missing variable: backends send null for "none".
    var mustacheContext: Any? {
        switch self {
        case .null: return nil
        case .bool(let flag): return flag
        case .integer(let number): return number
        case .number(let number): return number
        case .string(let text): return text
        case .array(let values): return values.compactMap(\.mustacheContext)
        case .object(let fields): return fields.compactMapValues(\.mustacheContext)
        }
    }
}
