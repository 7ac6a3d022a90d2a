import Foundation
import HTTPCore
import MailTestSupport
import Storage
import Testing

/// «Выгрузка в Microsoft Excel» of the journal: the page's table, every matching letter.
@Suite struct JournalExportTests {
    @Test func exportsEveryFilteredLetterWithThePagesColumns() throws {
        let web = try WebHarness()
        web.logIn()
        let shop = try web.createProfile("Магазин")
        let formula = "=HYPERLINK(\"http://evil.example\",\"click\")"
        var failed: [Int64] = []
        for number in 1...70 {
            let subject = number == 1 ? formula : nil
            failed.append(try web.addLetter(number, profile: shop, status: .failed, subject: subject))
        }
        try web.addLetter(71, profile: shop, status: .sent)
        let page = web.get("/journal?status=failed").text
        #expect(web.journalRowIDs.count == JournalStore.pageSize, "more letters than one page")
        #expect(page.contains("href=\"/journal/export.xlsx?status=failed\""))

        let response = web.get("/journal/export.xlsx?status=failed")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(response.header("Cache-Control") == "no-store")
        #expect(response.header("Content-Disposition") == ContentDispositionExpectation.journal)
        guard case .temporaryFile(let path) = response.body else {
            Issue.record("expected a streamed file")
            return
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = XLSXFile(path: path)
        let book = try file.load()
        #expect(book.rows[0].map { $0?.text ?? "" } == ProfileExportTests.headers(of: page))
        #expect(book.rows.count == 71, "the header and all 70 failed letters, not one page")
        #expect(book.rows.dropFirst().map { Int64($0[0]?.text ?? "") } == failed.reversed().map { Optional($0) })
        let first = try #require(book.rows.last)
        #expect(first[0] == .int(failed[0]))
        #expect(first[1] == .date("2026-12-01T12:00:00"), "created, in Moscow time")
        #expect(first[2] == .string("ошибка"))
        #expect(first[3] == .string("Магазин"))
        #expect(first[5] == .string("client1@example.com"))
        #expect(first[6] == .string(formula), "a formula-looking subject stays text")
        #expect(first[7] == .int(1))
        #expect(first[8] == nil, "no next attempt for a failed letter")
        #expect(first[10] == .string("Ответ сервера: 550 5.1.1 <x@example.com>: no such user"))
        #expect(book.freezePanes == "A2")
        #expect(book.autoFilter == "A1:K71")
        #expect(book.headerBold?.allSatisfy { $0 } == true)
        let sheet = try file.part("xl/worksheets/sheet1.xml")
        #expect(!sheet.contains("<f>") && !sheet.contains("<f "))
        #expect(!(try file.allParts()).contains("s3cret-app-pass"))
    }

    @Test func exportHonoursEveryFilterAsThePageDoes() throws {
        let web = try WebHarness()
        web.logIn()
        let shop = try web.createProfile("Магазин")
        try web.addLetter(1, profile: shop, to: "ivan@example.com", name: "Иванов")
        try web.addLetter(2, profile: shop, to: "petr@example.com")
        let query = "recipient=%D0%B8%D0%B2%D0%B0%D0%BD&status=bogus&date_from=2026-12-01&date_to=2026-12-01"
        web.get("/journal?" + query)
        let pageIDs = web.journalRowIDs
        let response = web.get("/journal/export.xlsx?" + query)
        guard case .temporaryFile(let path) = response.body else {
            Issue.record("expected a streamed file")
            return
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let book = try XLSXFile(path: path).load()
        #expect(pageIDs.count == 1)
        #expect(book.rows.dropFirst().map { Int64($0[0]?.text ?? "") } == pageIDs.map { Optional($0) })
    }

    @Test func anEmptyJournalStillGivesAFileThatOpens() throws {
        let web = try WebHarness()
        web.logIn()
        let response = web.get("/journal/export.xlsx?status=sending")
        guard case .temporaryFile(let path) = response.body else {
            Issue.record("expected a streamed file")
            return
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let book = try XLSXFile(path: path).load()
        #expect(book.rows.count == 1)
        #expect(book.sheetNames == ["Журнал"])
    }
}

/// The download name «Журнал 2026-12-01.xlsx» (the test clock's day in Moscow).
private enum ContentDispositionExpectation {
    static let journal =
        "attachment; filename=\"Zhurnal 2026-12-01.xlsx\"; filename*=UTF-8''%D0%96%D1%83%D1%80%D0%BD%D0%B0%D0%BB%202026-12-01.xlsx"
}
