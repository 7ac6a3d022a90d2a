import Foundation
import Mustache

/// The panel's page templates (`templates/pages/*.mustache`), read once at start.
///
/// Each page is compiled for its view model with `compile`, which checks every name the
/// template uses against the model's fields (see `TemplateModel`).
public struct PageLibrary: Sendable {
    private let library: MustacheLibrary
    let templates: [String: [TemplateNode]]

    /// Loads every `.mustache` file in `directory` (names without the extension).
    public init(directory: String) throws(TemplateError) {
        var library = MustacheLibrary()
        var templates: [String: [TemplateNode]] = [:]
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw .unreadable(path: directory)
        }
        for file in names.sorted() where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            let path = "\(directory)/\(file)"
            guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
            let text = String(decoding: data, as: UTF8.self)
            do {
                templates[name] = try TemplateParser.parse(text)
            } catch {
                throw .syntax(name: name, line: error.line, column: error.column, reason: error.reason)
            }
            do {
                try library.register(HTMLEscaping.pragma + text, named: name)
            } catch {
                throw TemplateError(parsing: error, name: name)
            }
        }
        self.library = library
        self.templates = templates
    }

    /// Renders page `name` with `context` (dictionaries, arrays, strings, numbers, booleans).
    public func render(_ name: String, _ context: [String: Any]) throws(TemplateError) -> String {
        guard let text = library.render(context, withTemplate: name) else { throw .missing(name: name) }
        return text
    }

    /// Page `name` compiled for values of `Model` inside a layout that reads `Chrome`; `{{t.key}}`
    /// reads `strings`. Throws when the template names a field the types do not have, uses a
    /// field in a way its kind does not allow, or names a text the catalogue lacks.
    public func compile<Model: TemplateModel, Chrome: TemplateModel>(
        _ name: String,
        model: Model.Type = Model.self,
        chrome: Chrome.Type = Chrome.self,
        strings: StringCatalog
    ) throws(TemplateError) -> CompiledPage<Model, Chrome> {
        let compiler = PageCompiler(templates: templates, strings: strings)
        return CompiledPage(
            step: try compiler.compile(name, schemas: [TemplateSchema(Chrome.self), TemplateSchema(Model.self)])
        )
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
