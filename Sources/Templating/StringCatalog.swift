import Foundation
public import MailCore

/// The words of the interface in each language, from `templates/i18n/<lang>.json` (a flat
/// object of key → text). Every language must have the same keys: a key missing from one of
/// them stops the catalogue from loading.
public struct StringCatalog: Sendable {
    private let tables: [Language: [String: String]]
    /// Each text HTML-escaped, by key, in the order of `Language.allCases`: what `{{t.key}}`
    /// writes into a page.
    private let escaped: [String: [[UInt8]]]

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
        let first = Language.allCases[0]
        for language in Language.allCases.dropFirst() {
            let keys = Set(tables[first, default: [:]].keys)
            let other = Set(tables[language, default: [:]].keys)
            if let key = keys.symmetricDifference(other).sorted().first {
                let lacking = other.contains(key) ? first : language
                throw .invalid(path: "\(directory)/\(lacking.rawValue).json", reason: "no text for \(key)")
            }
        }
        self.tables = tables
        var escaped: [String: [[UInt8]]] = [:]
        for key in tables[first, default: [:]].keys {
            escaped[key] = Language.allCases.map { Array(HTMLEscaping.escape(tables[$0]?[key] ?? "").utf8) }
        }
        self.escaped = escaped
    }

    /// Every text of `language`.
    public func table(_ language: Language) -> [String: String] {
        tables[language] ?? [:]
    }

    /// One text; the key itself when missing, so a gap shows instead of vanishing.
    public func text(_ key: String, _ language: Language) -> String {
        tables[language]?[key] ?? key
    }

    /// The text `key` HTML-escaped in every language (`Language.allCases` order); nil for a key
    /// the catalogue does not have.
    func escapedTexts(_ key: String) -> [[UInt8]]? {
        escaped[key]
    }
}
