import Foundation
import Mustache

/// The panel's page templates (`templates/pages/*.mustache`), HTML-escaped by default.
///
/// Loaded once at start; rendering a name that was not loaded throws rather than giving an
/// empty page.
public struct PageLibrary: Sendable {
    private let library: MustacheLibrary

    /// Loads every `.mustache` file in `directory` (names without the extension).
    public init(directory: String) throws(TemplateError) {
        var library = MustacheLibrary()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw .unreadable(path: directory)
        }
        for file in names.sorted() where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            let path = "\(directory)/\(file)"
            guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
            do {
                try library.register(HTMLEscaping.pragma + String(decoding: data, as: UTF8.self), named: name)
            } catch {
                throw TemplateError(parsing: error, name: name)
            }
        }
        self.library = library
    }

    /// Renders page `name` with `context` (dictionaries, arrays, strings, numbers, booleans).
    public func render(_ name: String, _ context: [String: Any]) throws(TemplateError) -> String {
        guard let text = library.render(context, withTemplate: name) else { throw .missing(name: name) }
        return text
    }
}

extension TemplateError {
    /// Turns swift-mustache's parse error into one that names the line.
    init(parsing error: any Error, name: String) {
        if let parse = error as? MustacheTemplate.ParserError {
            self = .syntax(
                name: name,
                line: parse.context.lineNumber,
                column: parse.context.columnNumber,
                reason: "\(parse.error)"
            )
        } else if let parse = error as? MustacheLibrary.ParserError {
            self = .syntax(
                name: name,
                line: parse.context.lineNumber,
                column: parse.context.columnNumber,
                reason: "\(parse.error)"
            )
        } else {
            self = .syntax(name: name, line: 0, column: 0, reason: "\(error)")
        }
    }
}
