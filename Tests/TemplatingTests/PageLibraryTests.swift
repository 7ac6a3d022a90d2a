import Foundation
import MailTestSupport
import Templating
import Testing

/// Reading the page templates of a folder.
@Suite struct PageLibraryTests {
    struct Empty: TemplateModel {
        static let templateFields: TemplateFields<Self> = [:]
    }

    private func catalogue(_ folder: TemporaryDirectory) throws -> StringCatalog {
        for language in ["ru", "en"] {
            try "{}".write(toFile: folder.file("\(language).json"), atomically: true, encoding: .utf8)
        }
        return try StringCatalog(directory: folder.path)
    }

    @Test func pagesAreNamedAfterTheirFiles() throws {
        let folder = TemporaryDirectory()
        try "Профили email 🌼 <ok>".write(toFile: folder.file("page.mustache"), atomically: true, encoding: .utf8)
        try "not a template".write(toFile: folder.file("notes.txt"), atomically: true, encoding: .utf8)
        let pages = try PageLibrary(directory: folder.path)
        let page: CompiledPage<Empty, Empty> = try pages.compile("page", strings: try catalogue(folder))
        #expect(page.render(Empty(), chrome: Empty(), language: .ru) == Array("Профили email 🌼 <ok>".utf8))
        #expect(throws: TemplateError.missing(name: "notes")) {
            let _: CompiledPage<Empty, Empty> = try pages.compile("notes", strings: try catalogue(folder))
        }
    }

    @Test func aMissingFolderIsReported() {
        #expect(throws: TemplateError.unreadable(path: "/nonexistent/pages")) {
            try PageLibrary(directory: "/nonexistent/pages")
        }
    }
}
