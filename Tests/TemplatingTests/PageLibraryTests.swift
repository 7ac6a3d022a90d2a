import Foundation
import MailTestSupport
import Templating
import Testing

@Suite struct PageLibraryTests {
    private func library(_ files: [String: String]) throws -> (TemporaryDirectory, PageLibrary) {
        let folder = TemporaryDirectory()
        for (name, text) in files {
            try text.write(toFile: folder.file(name + ".mustache"), atomically: true, encoding: .utf8)
        }
        return (folder, try PageLibrary(directory: folder.path))
    }

    @Test func everyPlaceEscapesOnceInTheLayoutThePageAndAPartial() throws {
        let (_, pages) = try library([
            "layout": "<title>{{$title}}{{/title}}</title><main>{{$content}}{{/content}}</main>",
            "part": "<i>{{value}}</i>",
            "page":
                "{{<layout}}{{$title}}{{value}}{{/title}}{{$content}}<p title=\"{{value}}\">{{value}}</p>{{> part}}{{/content}}{{/layout}}",
        ])
        let html = try pages.render("page", ["value": "<b>\"x\" & 'y'</b>"])
        let escaped = "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        #expect(html == "<title>\(escaped)</title><main><p title=\"\(escaped)\">\(escaped)</p><i>\(escaped)</i></main>")
    }

    @Test func textWithoutSpecialCharactersIsUnchanged() throws {
        let (_, pages) = try library(["page": "{{value}}"])
        #expect(try pages.render("page", ["value": "Профили email 🌼"]) == "Профили email 🌼")
    }

    @Test func aMissingPageThrows() throws {
        let (_, pages) = try library(["page": "x"])
        #expect(throws: TemplateError.missing(name: "nope")) { try pages.render("nope", [:]) }
    }

    @Test func aBrokenPageIsReportedWithItsLine() throws {
        do {
            _ = try library(["page": "line 1\nline 2 {{#open}}\nline 3"])
            Issue.record("expected a syntax error")
        } catch let TemplateError.syntax(name, line, _, _) {
            #expect(name == "page")
            #expect(line == 3 || line == 2)
        }
    }
}
