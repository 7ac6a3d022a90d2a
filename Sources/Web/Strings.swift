import MailCore
import Templating

/// The catalogue's texts in the reader's language, by `TextKey`, with placeholders filled in
/// here and nowhere else.
struct Strings: Sendable {
    let language: Language
    /// Every `TextKey`'s text in `language`, read once from the catalogue.
    private let texts: [TextKey: String]

    init(catalog: StringCatalog, language: Language) {
        self.language = language
        texts = Dictionary(uniqueKeysWithValues: TextKey.allCases.map { ($0, catalog.text($0.rawValue, language)) })
    }

    func text(_ key: TextKey) -> String {
        texts[key] ?? key.rawValue
    }

    /// The message's text with each `{name}` replaced by its value.
    func text(_ message: Message) -> String {
        let (key, values) = message.parts
        return Self.fill(text(key), values)
    }

    /// One pass over `text`: a value is never read again for placeholders, and no Foundation
    /// search runs (on Linux `replacingOccurrences` bridges to NSString, the most of «Обзор»'s
    /// time with its chart's 180 bar labels).
    private static func fill(_ text: String, _ values: [(name: String, value: String)]) -> String {
        guard !values.isEmpty else { return text }
        var filled = ""
        filled.reserveCapacity(text.utf8.count + 32)
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            filled += rest[..<open]
            let name = rest.index(after: open)
            if let close = rest[name...].firstIndex(of: "}"),
                let value = values.first(where: { $0.name == rest[name..<close] })?.value
            {
                filled += value
                rest = rest[rest.index(after: close)...]
            } else {
                filled += "{"
                rest = rest[name...]
            }
        }
        filled += rest
        return filled
    }

    /// The catalogue has every `TextKey` in every language, each `Message` fills all the
    /// placeholders of its text and no text written without a `Message` has any; throws
    /// `TemplateError.invalid` naming the first key that does not.
    static func check(_ catalog: StringCatalog) throws(TemplateError) {
        let filled = Set(Message.samples.map(\.parts.key))
        for language in Language.allCases {
            let table = catalog.table(language)
            for key in TextKey.allCases {
                guard let text = table[key.rawValue] else {
                    throw .invalid(path: "i18n/\(language.rawValue).json", reason: "no text for \(key.rawValue)")
                }
                let names = placeholders(text)
                if !filled.contains(key) && !names.isEmpty {
                    throw .invalid(
                        path: "i18n/\(language.rawValue).json",
                        reason: "\(key.rawValue) has {\(names[0])} but no Message fills it"
                    )
                }
            }
            for message in Message.samples {
                let (key, values) = message.parts
                let text = table[key.rawValue] ?? ""
                if Set(placeholders(text)) != Set(values.map(\.name)) {
                    throw .invalid(
                        path: "i18n/\(language.rawValue).json",
                        reason: "\(key.rawValue) has {\(placeholders(text).joined(separator: "}, {"))}, "
                            + "Message fills {\(values.map(\.name).joined(separator: "}, {"))}"
                    )
                }
            }
        }
    }

    /// The `{name}` placeholders of a text (not `{{mustache}}` tags, which are words for the admin).
    static func placeholders(_ text: String) -> [String] {
        let characters = Array(text)
        var names: [String] = []
        var index = 0
        while index < characters.count {
            defer { index += 1 }
            guard characters[index] == "{", index == 0 || characters[index - 1] != "{" else { continue }
            var end = index + 1
            while end < characters.count, characters[end].isLowercase || characters[end] == "_" { end += 1 }
            guard end > index + 1, end < characters.count, characters[end] == "}",
                end + 1 == characters.count || characters[end + 1] != "}"
            else { continue }
            names.append(String(characters[(index + 1)..<end]))
            index = end
        }
        return names
    }
}
