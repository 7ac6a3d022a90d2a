import Foundation
import MailTestSupport
import Templating
import Testing

@testable import Web

/// Every page template compiled for its view model at start, and what stops the start.
@Suite struct PagesTests {
    /// A copy of `templates/` where `edit` changes one file.
    private func templates(_ file: String, _ edit: (String) -> String) throws -> TemporaryDirectory {
        let copy = TemporaryDirectory()
        for folder in ["pages", "i18n"] {
            try FileManager.default.copyItem(atPath: WebHarness.templates + "/" + folder, toPath: copy.file(folder))
        }
        let path = copy.file(file)
        try edit(try String(contentsOfFile: path, encoding: .utf8)).write(
            toFile: path,
            atomically: true,
            encoding: .utf8
        )
        return copy
    }

    private func compile(_ folder: TemporaryDirectory) throws {
        _ = try Pages(
            try PageLibrary(directory: folder.file("pages")),
            strings: try StringCatalog(directory: folder.file("i18n"))
        )
    }

    @Test func theShippedTemplatesCompile() throws {
        let folder = try templates("pages/login.mustache") { $0 }
        try compile(folder)
    }

    @Test func aFieldTheViewModelLacksStopsTheStart() throws {
        let folder = try templates("pages/profiles.mustache") {
            $0.replacingOccurrences(
                of: "<a class=\"name\" href=\"/profiles/{{id}}/edit\">{{name}}</a>",
                with: "<span>{{nmae}}</span>"
            )
        }
        #expect(throws: TemplateError.self) { try compile(folder) }
        do {
            try compile(folder)
        } catch let TemplateError.field(template, line, reason) {
            #expect(template == "profiles")
            #expect(line == 28)
            #expect(reason.contains("no field nmae in Row, ProfileListPage, Chrome"), "\(reason)")
        }
    }

    @Test func aTextTheCatalogueLacksStopsTheStart() throws {
        let folder = try templates("pages/layout.mustache") {
            $0.replacingOccurrences(of: "t.logout", with: "t.log_out")
        }
        #expect(
            throws: TemplateError.field(
                template: "layout",
                line: 28,
                reason: "{{t.log_out}}: no text log_out in the catalogue"
            )
        ) {
            try compile(folder)
        }
    }

    @Test func aKeyMissingFromOneLanguageStopsTheStart() throws {
        let folder = try templates("i18n/en.json") {
            $0.replacingOccurrences(of: " \"cancel\": \"Cancel\",\n", with: "")
        }
        #expect(throws: TemplateError.invalid(path: folder.file("i18n/en.json"), reason: "no text for cancel")) {
            try compile(folder)
        }
    }

    @Test func unescapedOutputInAPageStopsTheStart() throws {
        let folder = try templates("pages/login.mustache") {
            $0.replacingOccurrences(of: "{{error}}", with: "{{{error}}}")
        }
        #expect(throws: TemplateError.self) { try compile(folder) }
    }
}
