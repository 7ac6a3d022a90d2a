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

    /// Each text of `ru.json` is written by Swift (a `TextKey`) or by a template (`{{t.key}}`).
    @Test func everyTextOfTheCatalogueIsUsed() throws {
        let catalog = try StringCatalog(directory: Self.shipped)
        let folder = WebHarness.templates + "/pages"
        var used = Set(TextKey.allCases.map(\.rawValue))
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for part in text.components(separatedBy: "{{t.").dropFirst() {
                used.insert(String(part.prefix { $0 != "}" }))
            }
        }
        #expect(Set(catalog.table(.ru).keys).subtracting(used).sorted() == [])
    }
}
