import Foundation
public import MailCore

/// The words of the interface in each language, from `templates/i18n/<lang>.json`
/// (a flat object of key → text). Pages get the catalog of the reader's language as `t`.
public struct StringCatalog: Sendable {
    private let tables: [Language: [String: String]]

    /// Loads one JSON file per language from `directory`.
    public init(directory: String) throws(TemplateError) {
        var tables: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let path = "\(directory)/\(language.rawValue).json"
            guard let data = FileManager.default.contents(atPath: path),
                let table = try? JSONDecoder().decode([String: String].self, from: data)
            else { throw .unreadable(path: path) }
            tables[language] = table
        }
        self.tables = tables
    }

    /// Every text of `language`.
    public func table(_ language: Language) -> [String: String] {
        tables[language] ?? [:]
    }

    /// One text; the key itself when missing, so a gap shows instead of vanishing.
    public func text(_ key: String, _ language: Language) -> String {
        tables[language]?[key] ?? key
    }
}
