import Foundation
import MailCore
import MailTestSupport
import Mustache
import Testing

@testable import Templating

/// Page templates compiled for typed view models: what they write, and what they refuse at start.
@Suite struct PageCompilerTests {
    struct Item: TemplateModel {
        var name: String
        var isOn = false
        static let templateFields: TemplateFields<Self> = ["name": .text(\.name), "on": .flag(\.isOn)]
    }

    struct Sample: TemplateModel {
        var title = "<b>\"x\" & 'y'</b>"
        var isOn = true
        var isOff = false
        var empty = ""
        var missing: String? = nil
        var blank: String? = ""
        var count = 42
        var items = [Item(name: "a", isOn: true), Item(name: "b <c>")]
        var names = ["x", "y"]
        var child: Item? = Item(name: "child")
        var nobody: Item? = nil
        var item = Item(name: "item")
        var lines = "one\ntwo"

        static let templateFields: TemplateFields<Self> = [
            "title": .text(\.title), "on": .flag(\.isOn), "off": .flag(\.isOff), "empty": .text(\.empty),
            "missing": .optionalText(\.missing), "blank": .optionalText(\.blank), "count": .number(\.count),
            "items": .list(\.items), "names": .list(\.names), "child": .optionalObject(\.child),
            "nobody": .optionalObject(\.nobody), "item": .object(\.item), "lines": .text(\.lines),
        ]

        /// The same values as swift-mustache reads them.
        var dictionary: [String: Any] {
            [
                "title": title, "on": isOn, "off": isOff, "count": count, "names": names, "lines": lines,
                "items": items.map { ["name": $0.name, "on": $0.isOn] as [String: Any] },
                "child": ["name": "child", "on": false] as [String: Any], "item": ["name": "item", "on": false],
            ]
        }
    }

    struct Chrome: TemplateModel {
        var lang = "ru"
        static let templateFields: TemplateFields<Self> = ["lang": .text(\.lang)]
    }

    private func library(_ files: [String: String]) throws -> (TemporaryDirectory, PageLibrary, StringCatalog) {
        let folder = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.file("pages"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder.file("i18n"), withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(toFile: folder.file("pages/\(name).mustache"), atomically: true, encoding: .utf8)
        }
        try #"{"greeting": "Привет, <друг>", "bye": "Пока"}"#.write(
            toFile: folder.file("i18n/ru.json"),
            atomically: true,
            encoding: .utf8
        )
        try #"{"greeting": "Hello, <friend>", "bye": "Bye"}"#.write(
            toFile: folder.file("i18n/en.json"),
            atomically: true,
            encoding: .utf8
        )
        return (
            folder, try PageLibrary(directory: folder.file("pages")),
            try StringCatalog(directory: folder.file("i18n"))
        )
    }

    private func render(
        _ files: [String: String],
        _ sample: Sample = Sample(),
        language: Language = .ru
    ) throws -> String {
        let (_, pages, strings) = try library(files)
        let page: CompiledPage<Sample, Chrome> = try pages.compile("page", strings: strings)
        return String(
            decoding: page.render(sample, chrome: Chrome(lang: language.rawValue), language: language),
            as: UTF8.self
        )
    }

    private func failure(_ files: [String: String]) throws -> TemplateError? {
        let (_, pages, strings) = try library(files)
        do {
            let _: CompiledPage<Sample, Chrome> = try pages.compile("page", strings: strings)
            return nil
        } catch {
            return error
        }
    }

    @Test func everyPlaceEscapesOnceInTheLayoutThePageAndAPartial() throws {
        let html = try render([
            "layout": "<title>{{$title}}{{/title}}</title><main>{{$content}}{{/content}}</main>",
            "part": "<i>{{title}}</i>",
            "page":
                "{{<layout}}{{$title}}{{title}}{{/title}}{{$content}}<p title=\"{{title}}\">{{title}}</p>{{> part}}{{/content}}{{/layout}}",
        ])
        let escaped = "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        #expect(html == "<title>\(escaped)</title><main><p title=\"\(escaped)\">\(escaped)</p><i>\(escaped)</i></main>")
    }

    @Test func sectionsFollowTheKindOfTheirField() throws {
        let html = try render([
            "page": """
            {{#on}}on{{/on}}{{^off}} not-off{{/off}}{{#empty}}EMPTY{{/empty}}{{^empty}} no-text{{/empty}}\
            {{#missing}}MISSING{{/missing}}{{#blank}} blank:[{{.}}]{{/blank}} {{count}}\
            {{#items}} {{name}}{{#on}}+{{/on}}{{/items}}{{#names}} {{.}}{{/names}}\
            {{#child}} {{name}}/{{title}}{{/child}}{{#nobody}}NOBODY{{/nobody}}{{^nobody}} nobody{{/nobody}}\
            {{item.name}} {{child.name}}{{nobody.name}}{{#title}} [{{.}}]{{/title}}
            """
        ])
        #expect(
            html
                == "on not-off no-text blank:[] 42 a+ b &lt;c&gt; x y child/&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt; nobodyitem child [&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;]"
        )
        var none = Sample()
        none.items = []
        #expect(try render(["page": "{{#items}}x{{/items}}{{^items}}no items{{/items}}"], none) == "no items")
    }

    @Test(arguments: [Int64(0), 7, 10, 42, -1, -305, Int64.max, Int64.min])
    func numbersAreWrittenInDecimal(number: Int64) {
        var writer = PageWriter(capacity: 0, depth: 1)
        writer.write(number)
        #expect(String(decoding: writer.finish(), as: UTF8.self) == String(number))
    }

    @Test func catalogueTextsAreInTheReadersLanguageAndEscaped() throws {
        let page = ["page": "{{t.greeting}} {{lang}}"]
        #expect(try render(page) == "Привет, &lt;друг&gt; ru")
        #expect(try render(page, language: .en) == "Hello, &lt;friend&gt; en")
    }

    @Test(arguments: [
        ("{{nope}}", "no field nope"), ("{{items.name}}", "not an object"),
        ("{{#item.nope}}{{/item.nope}}", "no field nope"),
        ("{{items}}", "only a text or a number"), ("{{on}}", "only a text or a number"),
        ("{{#count}}{{/count}}", "a number"),
        ("{{t.nope}}", "no text nope"), ("{{.}}", "only for a text"), ("{{#items}}{{.}}{{/items}}", "only for a text"),
        ("{{> nope}}", "no template nope"),
        ("{{#items}}{{title}}{{nope}}{{/items}}", "no field nope in Item, Sample, Chrome"),
    ])
    func aNameTheModelLacksFailsAtCompile(template: String, reason: String) throws {
        let error = try #require(try failure(["page": "line 1\n" + template]))
        guard case .field(let name, let line, let message) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(name == "page")
        #expect(line == 2 || template.hasPrefix("{{>"))
        #expect(message.contains(reason), "\(message)")
    }

    @Test func aPartialIsCheckedWhereItIsUsed() throws {
        let error = try #require(try failure(["page": "{{#items}}{{> row}}{{/items}}{{> row}}", "row": "{{name}}"]))
        #expect(error == .field(template: "row", line: 1, reason: "{{name}}: no field name in Sample, Chrome"))
    }

    @Test(arguments: ["{{{title}}}", "{{&title}}", "{{=<% %>=}}", "{{% CONTENT_TYPE: TEXT}}"])
    func unescapedOutputIsRefused(template: String) throws {
        #expect(throws: TemplateError.self) { try library(["page": template]) }
    }

    @Test func aBrokenPageIsReportedWithItsLine() throws {
        #expect(
            throws: TemplateError.syntax(
                name: "page",
                line: 3,
                column: 7,
                reason: "{{open}} on line 2 is opened but never closed"
            )
        ) {
            try library(["page": "line 1\nline 2 {{#open}}\nline 3"])
        }
        #expect(throws: TemplateError.self) { try library(["page": "{{#a}}{{/b}}"]) }
    }

    /// Whitespace exactly as swift-mustache renders it: standalone tags leave no line behind,
    /// inline ones keep their line, a standalone partial is indented, a layout's blocks are filled.
    @Test(arguments: [
        "a\n{{#on}}\nb\n{{/on}}\nc\n", "  {{#items}}\n  - {{name}}\n  {{/items}}\n", "x {{#on}}y{{/on}} z\n",
        "{{! note }}\nline\n  {{! indented note }}  \nend", "a {{! inline }} b\n", "  {{> list}}\nafter\n",
        "<ul>\n  {{> list}}\n</ul>\n",
        "{{<layout}}\n{{$content}}\n  body {{count}}\n  more\n{{/content}}\n{{/layout}}\n",
        "{{<layout}}{{$title}}T{{/title}}{{/layout}}", "{{^off}}\n  off\n{{/off}}\n{{#items}}{{name}},{{/items}}\n",
        "\t{{#on}}\t\ntabbed\n\t{{/on}}\t\n", "{{#on}}{{#items}}\n{{name}}\n{{/items}}{{/on}}\n",
        "{{#child}}\n  {{> list}}\n{{/child}}\n", "{{#item}}{{name}}{{/item}} {{#lines}}{{.}}{{/lines}}\n",
    ])
    func whitespaceIsSwiftMustaches(page: String) throws {
        let files = [
            "page": page, "list": "{{#items}}\n<li>{{name}}</li>\n{{/items}}\ndone\n",
            "layout": "<head>{{$title}}default{{/title}}</head>\n<body>\n  {{$content}}{{/content}}\n</body>\n",
        ]
        var library = MustacheLibrary()
        for (name, text) in files { try library.register(text, named: name) }
        let expected = try #require(library.render(Sample().dictionary, withTemplate: "page"))
        #expect(try render(files) == expected)
    }
}
