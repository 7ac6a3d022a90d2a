import Foundation
import HTTPCore
import MailTestSupport
import Testing

/// «Выгрузка в Microsoft Excel» of the profile list.
@Suite struct ProfileExportTests {
    @Test func exportsEveryColumnOfTheProfiles() throws {
        let web = try WebHarness()
        web.logIn()
        try web.createProfile("=HYPERLINK(\"http://evil.example\",\"click\")")
        try web.createProfile("Магазин")
        let page = web.get("/profiles").text
        let response = web.get("/profiles/export.xlsx")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(response.header("Cache-Control") == "no-store")
        let disposition = try #require(response.header("Content-Disposition"))
        #expect(disposition.hasPrefix("attachment; filename=\"Profili email 2026-12-01.xlsx\"; filename*=UTF-8''"))
        #expect(disposition.contains("%D0%9F%D1%80%D0%BE%D1%84%D0%B8%D0%BB%D0%B8%20email%202026-12-01.xlsx"))
        guard case .temporaryFile(let path) = response.body else {
            Issue.record("expected a streamed file")
            return
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let book = try XLSXFile(path: path).load()
        let headers = book.rows[0].map { $0?.text ?? "" }
        #expect(
            headers == [
                "Название", "SMTP-сервер", "Порт", "SSL", "Имя отправителя", "Email отправителя", "Логин",
                "По умолчанию", "Макс. в сутки", "Интервал (мин)", "За раз", "Приоритетных в сутки",
                "Отправлено за 24 ч", "Состояние",
            ],
            "every column, the limits the page leaves to the edit form included"
        )
        #expect(Set(Self.headers(of: page)).isSubset(of: Set(headers + ["Сервер", "Отправитель"])))
        #expect(book.rows[1].last??.text == "Не проверен")
        #expect(book.rows.count == 3)
        let names = book.rows.dropFirst().map { $0[0]?.text }
        #expect(names.contains("=HYPERLINK(\"http://evil.example\",\"click\")"))
        #expect(book.rows.dropFirst().allSatisfy { $0[0]?.type == "str" && $0[2]?.type == "int" })
        #expect(book.freezePanes == "A2")
        #expect(book.headerBold?.allSatisfy { $0 } == true)
        let sheet = try XLSXFile(path: path).part("xl/worksheets/sheet1.xml")
        #expect(!sheet.contains("<f>"))
        let everything = try XLSXFile(path: path).allParts()
        #expect(everything.contains("smtp.example.com"), "the search sees the uncompressed parts")
        #expect(!everything.contains("s3cret-app-pass"))
    }

    /// The column titles of the page's table (without the actions column).
    static func headers(of page: String) -> [String] {
        page.components(separatedBy: "<th scope=\"col\">").dropFirst().compactMap { cell in
            let text = String(cell.prefix { $0 != "<" })
            return text.isEmpty ? nil : text
        }
    }
}
