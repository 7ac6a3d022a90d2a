import Foundation
import MailCore
import MailTestSupport
import Templating
import Testing

@testable import Web

/// The typed catalogue: every key Swift writes is in both languages, placeholders are filled in
/// one place, and no text of the catalogue is unused.
@Suite struct StringsTests {
    static let shipped = WebHarness.templates + "/i18n"

    /// The shipped catalogue with `edit` applied to every language.
    private func catalogue(_ edit: (inout [String: String]) -> Void) throws -> (TemporaryDirectory, StringCatalog) {
        let folder = TemporaryDirectory()
        for language in Language.allCases {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(Self.shipped)/\(language.rawValue).json"))
            var table = try JSONDecoder().decode([String: String].self, from: data)
            edit(&table)
            try JSONEncoder().encode(table).write(to: URL(fileURLWithPath: folder.file("\(language.rawValue).json")))
        }
        return (folder, try StringCatalog(directory: folder.path))
    }

    @Test func theShippedCatalogueHasEveryKeyAndPlaceholder() throws {
        try Strings.check(try StringCatalog(directory: Self.shipped))
    }

    @Test func placeholdersAreFilledInOnePlace() throws {
        let strings = Strings(catalog: try StringCatalog(directory: Self.shipped), language: .ru)
        #expect(
            strings.text(.deleteMovesLetters(count: 3, defaultProfile: "Магазин"))
                == "Писем в очереди: 3. Они перейдут к профилю по умолчанию «Магазин»."
        )
        #expect(strings.text(.loginWait(seconds: 5)).hasSuffix("через 5 с."))
        let english = Strings(catalog: try StringCatalog(directory: Self.shipped), language: .en)
        #expect(english.text(.eventEditTitle(name: "Order {x}")).contains("Order {x}"))
        // A value is never read for placeholders: a failure that says "{time}" stays as it is.
        #expect(
            english.text(.overviewLastFailure(failure: "550 {time} {", time: "12:00"))
                == "Last failure: 550 {time} {, 12:00"
        )
    }

    @Test func mustacheTagsInATextAreNotPlaceholders() {
        #expect(Strings.placeholders("{{customer_name}} и {count}, {{#items}}…{{/items}} {x_y}") == ["count", "x_y"])
        #expect(Strings.placeholders("{Count} {1} {} {a") == [])
    }

    @Test func aKeyMissingFromTheCatalogueStopsTheStart() throws {
        let (_, catalog) = try catalogue { $0["login_failed"] = nil }
        #expect(throws: TemplateError.invalid(path: "i18n/ru.json", reason: "no text for login_failed")) {
            try Strings.check(catalog)
        }
    }

    @Test func aPlaceholderNoMessageFillsStopsTheStart() throws {
        let (_, catalog) = try catalogue { $0["login_failed"] = "Неверно, попыток: {count}" }
        #expect(throws: TemplateError.self) { try Strings.check(catalog) }
        let (_, renamed) = try catalogue { $0["login_wait"] = "Подождите {secs} с." }
        #expect(
            throws: TemplateError.invalid(
                path: "i18n/ru.json",
                reason: "login_wait has {secs}, Message fills {seconds}"
            )
        ) { try Strings.check(renamed) }
    }

    /// English quotes the English way (“…”), Russian its own («…»): a name in an English text is
    /// never in «…».
    @Test func englishTextsUseEnglishQuotationMarks() throws {
        let english = try StringCatalog(directory: Self.shipped).table(.en)
        #expect(english.filter { $0.value.contains("«") || $0.value.contains("»") }.keys.sorted() == [])
        let folder = WebHarness.templates + "/pages"
        let marked = try FileManager.default.contentsOfDirectory(atPath: folder).filter { file in
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            return text.contains("«") || text.contains("»")
        }
        #expect(marked.sorted() == [], "a template quotes through {{t.…}} or Message.quoted, never «…» of its own")
        let strings = Strings(catalog: try StringCatalog(directory: Self.shipped), language: .en)
        #expect(strings.text(.quoted(name: "Shop")) == "“Shop”")
        #expect(
            Strings(catalog: try StringCatalog(directory: Self.shipped), language: .ru).text(.quoted(name: "Магазин"))
                == "«Магазин»"
        )
    }

    /// Each text of the catalogue is written by Swift through a `TextKey` that some code names, or
    /// shown by a template as `{{t.key}}`.
    @Test func everyTextOfTheCatalogueIsUsed() throws {
        let usage = try CatalogueUsage.shipped()
        for language in Language.allCases {
            let keys = Set(try StringCatalog(directory: Self.shipped).table(language).keys)
            #expect(usage.unused(keys).sorted() == [], "unused in \(language.rawValue).json")
        }
    }

    /// `TextKey` is for texts Swift writes (its doc comment): a case only a template shows, or no
    /// one, is not one.
    @Test func everyTextKeyIsNamedBySwiftCode() throws {
        let usage = try CatalogueUsage.shipped()
        #expect(TextKey.allCases.map(\.rawValue).filter { !usage.bySwift.contains($0) }.sorted() == [])
    }

    /// The check sees a text no one uses, whether it has a case no code names or no case at all,
    /// and does not count a mention in a comment or in `Message`'s own table.
    @Test func anUnusedTextIsFound() throws {
        let usage = CatalogueUsage(
            swift: """
                /// `.overviewState` is named only here.
                let title = strings.text(.overviewTitle)  // .overviewNav
                """,
            templates: "<h1>{{t.overview_nav}}</h1> {{t.overview_state_x}}"
        )
        #expect(usage.bySwift == ["overview_title"])
        #expect(
            usage.unused(["overview_title", "overview_nav", "overview_state", "unused_key"]).sorted()
                == ["overview_state", "unused_key"]
        )
        let shipped = try CatalogueUsage.shipped()
        #expect(shipped.unused(["overview_title", "overview_state"]) == ["overview_state"])
    }
}

/// Which catalogue keys the panel uses: `TextKey` cases named by Swift code (`.overviewTitle`,
/// comments left out, and `Message.swift`'s mapping of each message to its key, which says
/// nothing about use) and `{{t.key}}` in the page templates.
struct CatalogueUsage {
    /// Keys of the `TextKey` cases that Swift code names.
    let bySwift: Set<String>
    /// Keys the templates name.
    let byTemplates: Set<String>

    init(swift: String, templates: String) {
        let names = Self.dottedNames(swift)
        bySwift = Set(TextKey.allCases.filter { names.contains(String(describing: $0)) }.map(\.rawValue))
        byTemplates = Set(
            templates.components(separatedBy: "{{t.").dropFirst().map { String($0.prefix { $0 != "}" }) }
        )
    }

    func unused(_ keys: Set<String>) -> Set<String> {
        keys.subtracting(bySwift).subtracting(byTemplates)
    }

    /// The repository's `Sources` and `templates/pages`.
    static func shipped() throws -> CatalogueUsage {
        let root = URL(fileURLWithPath: WebHarness.templates).deletingLastPathComponent()
        func read(_ folder: String, _ suffix: String, skipping: Set<String> = []) throws -> String {
            let base = root.appendingPathComponent(folder)
            var texts: [String] = []
            let paths = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
            for path in paths where path.hasSuffix(suffix) && !skipping.contains(path) {
                texts.append(try String(contentsOf: base.appendingPathComponent(path), encoding: .utf8))
            }
            #expect(!texts.isEmpty, "nothing read in \(folder)")
            return texts.joined(separator: "\n")
        }
        return CatalogueUsage(
            swift: try read("Sources", ".swift", skipping: ["Web/Message.swift"]),
            templates: try read("templates/pages", ".mustache")
        )
    }

    /// Every identifier written after a dot (`.overviewTitle`), outside `//` comments.
    static func dottedNames(_ source: String) -> Set<String> {
        var names = Set<String>()
        for line in source.split(separator: "\n") {
            let code = line.range(of: "//").map { line[..<$0.lowerBound] } ?? line[...]
            var index = code.startIndex
            while let dot = code[index...].firstIndex(of: ".") {
                let start = code.index(after: dot)
                let name = code[start...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                if !name.isEmpty { names.insert(String(name)) }
                index = name.endIndex
            }
        }
        return names
    }
}
