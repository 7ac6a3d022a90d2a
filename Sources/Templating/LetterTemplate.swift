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
        let subjectLine = subject.render(context).split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(
            separator: " "
        )
        return RenderedLetter(
            subject: subjectLine.trimmingCharacters(in: .whitespacesAndNewlines),
            html: htmlBody,
            text: textBody
        )
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
