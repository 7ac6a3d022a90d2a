import Foundation
import MailCore

/// The panel's page templates (`templates/pages/*.mustache`), read once at start.
///
/// Each page is compiled for its view model with `compile`, which checks every name the
/// template uses against the model's fields (see `TemplateModel`).
public struct PageLibrary: Sendable {
    let templates: [String: [TemplateNode]]

    /// Loads every `.mustache` file in `directory` (names without the extension).
    public init(directory: String) throws(TemplateError) {
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
        }
        self.templates = templates
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
        var languages: [PageCompiler.Compiled] = []
        for language in Language.allCases.indices {
            let compiler = PageCompiler(templates: templates, strings: strings, language: language)
            languages.append(
                try compiler.compile(name, schemas: [TemplateSchema(Chrome.self), TemplateSchema(Model.self)])
            )
        }
        return CompiledPage(languages)
    }
}
