import Foundation
import MailCore
import MailTestSupport
import Templating
import Testing

/// The built-in events shipped in `templates/mail/`, and the loader's refusals.
@Suite struct ShippedEventTests {
    static let mail = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../templates/mail").standardized.path

    @Test func theSixEventsOfTheDesignLoadAndParse() throws {
        let events = try ShippedEvent.loadAll(from: Self.mail)
        #expect(
            events.map(\.code) == [
                "affiliate_reward", "order_paid", "order_placed", "order_status_changed", "password_reset",
                "registration_confirmation",
            ]
        )
        for event in events {
            #expect(!event.name.ru.isEmpty && !event.name.en.isEmpty)
            let sample = try #require(event.sample.objectValue, "\(event.code) sample is an object")
            #expect(!sample.isEmpty)
            let letter = try LetterTemplate(subject: event.subject, html: event.html, text: event.text).render(
                event.sample
            )
            #expect(!letter.subject.isEmpty && !letter.subject.contains("\n"), "\(event.code) subject")
            #expect(!letter.html.contains("{{") && !letter.text.contains("{{"))
            for (name, value) in sample {
                guard let text = value.stringValue else { continue }
                #expect(letter.html.contains(text) || letter.text.contains(text), "\(event.code) never shows \(name)")
            }
        }
    }

    /// Russian prepositions and the nouns that took the shop's name in a case it cannot take
    /// («в магазине Интернет-магазин «Ромашка»»).
    static let boundWords: Set<String> = [
        "в", "во", "на", "за", "для", "от", "из", "у", "к", "ко", "по", "о", "об", "с", "со", "до", "при",
        "через", "про", "без", "над", "под", "перед", "после", "магазин", "магазине", "магазина", "период",
    ]

    /// A variable reads right whatever its value only where no word governs it: at the start of a
    /// line, after punctuation (`:`, `,`, `—`, `№`) or a tag. «Подтвердите регистрацию в
    /// {{shop_name}}» and «За период {{period}}» put a name into a case it cannot take.
    @Test func noWordGovernsAVariable() throws {
        for event in try ShippedEvent.loadAll(from: Self.mail) {
            for (part, template) in [("subject", event.subject), ("html", event.html), ("text", event.text)] {
                for match in template.matches(of: /\{\{[#\/^]?\s*([a-z_]+)\s*\}\}/) {
                    let before = Self.withoutTags(template[..<match.range.lowerBound])
                    let word = before.reversed().prefix { !$0.isWhitespace }.reversed()
                    #expect(
                        word.last.map { !$0.isLetter } ?? true,
                        "\(event.code)/\(part): «\(String(word)) {{\(match.output.1)}}»"
                    )
                }
            }
        }
    }

    /// The letters as a customer reads them, with shop names of every shape and periods that are
    /// not months: no preposition or governing noun stands before the name or the period.
    @Test(arguments: ["Ромашка", "Интернет-магазин «Ромашка»", "ООО Ромашка"])
    func anyShopNameReadsRight(_ shopName: String) throws {
        for event in try ShippedEvent.loadAll(from: Self.mail) {
            guard case .object(var sample) = event.sample else { continue }
            sample["shop_name"] = .string(shopName)
            if sample["period"] != nil { sample["period"] = .string("IV квартал 2026") }
            let letter = try LetterTemplate(subject: event.subject, html: event.html, text: event.text).render(
                .object(sample)
            )
            for (part, text) in [
                ("subject", letter.subject), ("html", Self.withoutTags(letter.html)), ("text", letter.text),
            ] {
                for value in [shopName, "IV квартал 2026"] {
                    for range in text.ranges(of: value) {
                        let word = text[..<range.lowerBound].split(whereSeparator: \.isWhitespace).last
                            .map { $0.lowercased() }
                        #expect(
                            !Self.boundWords.contains(word ?? ""),
                            "\(event.code)/\(part): «\(word ?? "") \(value)»"
                        )
                    }
                }
            }
        }
    }

    private static func withoutTags(_ html: Substring) -> String {
        String(html).replacing(/<[^>]*>/, with: " ")
    }

    private static func withoutTags(_ html: String) -> String {
        withoutTags(html[...])
    }

    /// docs/events.md lists every built-in event with each variable of its sample (list fields as
    /// `items[].name`) and the sample's value as the example, and nothing else: the page cannot
    /// drift from the samples.
    @Test func theEventsPageListsEachSampleVariable() throws {
        let page = try String(contentsOfFile: Self.mail + "/../../docs/events.md", encoding: .utf8)
        var documented: [String: [String: String]] = [:]
        var current: String?
        for line in page.split(separator: "\n") {
            if let heading = line.firstMatch(of: /^## `([a-z_]+)`/) {
                current = String(heading.output.1)
                documented[current!] = [:]
            } else if let current, let row = line.firstMatch(of: /^\| `([a-z_\[\]\.]+)` \| ([^|]*) \|/) {
                documented[current]?[String(row.output.1)] = row.output.2.trimmingCharacters(in: .whitespaces)
            }
        }
        let events = try ShippedEvent.loadAll(from: Self.mail)
        #expect(Set(documented.keys) == Set(events.map(\.code)))
        for event in events {
            let expected = Self.variables(of: event.sample)
            let rows = documented[event.code] ?? [:]
            #expect(Set(rows.keys) == Set(expected.keys), "\(event.code)")
            for (name, example) in expected {
                #expect(rows[name] == example, "\(event.code).\(name)")
            }
        }
    }

    /// Each variable of a sample with its example: a scalar as its text, a list as «(a list)» and
    /// its first element's fields as `list[].field`.
    private static func variables(of sample: JSONValue, prefix: String = "") -> [String: String] {
        var found: [String: String] = [:]
        for (name, value) in sample.objectValue ?? [:] {
            switch value {
            case .string(let text): found[prefix + name] = text
            case .integer(let number): found[prefix + name] = String(number)
            case .array(let elements):
                found[prefix + name] = "(a list)"
                if let first = elements.first {
                    found.merge(variables(of: first, prefix: prefix + name + "[]."), uniquingKeysWith: { $1 })
                }
            default: found[prefix + name] = "\(value)"
            }
        }
        return found
    }

    @Test func priorityIsOnForRegistrationAndPasswordReset() throws {
        let events = try ShippedEvent.loadAll(from: Self.mail)
        #expect(Set(events.filter(\.isPriority).map(\.code)) == ["registration_confirmation", "password_reset"])
        #expect(events.first { $0.code == "order_placed" }?.name.ru == "Заказ оформлен")
    }

    @Test func aTemplateThatDoesNotParseIsReportedWithItsFileAndLine() throws {
        let directory = TemporaryDirectory()
        try writeEvent(in: directory, code: "broken", html: "<p>a</p>\n{{#items}}\n")
        #expect(
            throws: TemplateError.syntax(
                name: "broken/html.mustache",
                line: 2,
                column: 1,
                reason: "section {{#items}} is opened but never closed"
            )
        ) {
            try ShippedEvent.loadAll(from: directory.path)
        }
    }

    @Test func missingOrBadFilesAreRefused() throws {
        let noJSON = TemporaryDirectory()
        try writeEvent(in: noJSON, code: "x", html: "h", json: nil)
        #expect(throws: TemplateError.unreadable(path: "\(noJSON.path)/x/event.json")) {
            try ShippedEvent.loadAll(from: noJSON.path)
        }

        let badSample = TemporaryDirectory()
        try writeEvent(
            in: badSample,
            code: "x",
            html: "h",
            json: #"{"name":{"ru":"И","en":"E"},"priority":false,"sample":[]}"#
        )
        #expect(throws: TemplateError.self) { try ShippedEvent.loadAll(from: badSample.path) }

        let badCode = TemporaryDirectory()
        try writeEvent(in: badCode, code: "Bad-Code", html: "h")
        #expect(throws: TemplateError.self) { try ShippedEvent.loadAll(from: badCode.path) }
    }

    @Test func theTextTemplateIsOptional() throws {
        let directory = TemporaryDirectory()
        try writeEvent(in: directory, code: "note", html: "<p>{{message}}</p>", text: nil)
        let event = try #require(try ShippedEvent.loadAll(from: directory.path).first)
        #expect(event.text == "")
        #expect(event.subject == "Тема")
    }

    private func writeEvent(
        in directory: TemporaryDirectory,
        code: String,
        html: String,
        text: String? = "{{message}}",
        json: String? = #"{"name":{"ru":"Имя","en":"Name"},"priority":false,"sample":{"message":"m"}}"#
    ) throws {
        let folder = directory.file(code)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "Тема\n".write(toFile: folder + "/subject.mustache", atomically: true, encoding: .utf8)
        try html.write(toFile: folder + "/html.mustache", atomically: true, encoding: .utf8)
        if let text { try text.write(toFile: folder + "/text.mustache", atomically: true, encoding: .utf8) }
        if let json { try json.write(toFile: folder + "/event.json", atomically: true, encoding: .utf8) }
    }
}
