import Foundation
import FoundationXML
import MailTestSupport
import Synchronization
import Testing
import XLSX

@Suite struct XLSXWriterTests {
    let folder = TemporaryDirectory(prefix: "xlsx-test")
    let moscow = TimeZone(identifier: "Europe/Moscow")!

    /// 2026-12-01 09:00:00 UTC.
    let december = Date(timeIntervalSince1970: 1_796_115_600)

    let sheet = Sheet(
        title: "Журнал",
        columns: [
            Column(header: "Получатель", kind: .text),
            Column(header: "Попытки", kind: .integer),
            Column(header: "Сумма", kind: .number),
            Column(header: "Создано", kind: .dateTime),
        ]
    )

    private func write(_ rows: [[Cell]], sheet: Sheet? = nil, constantMemory: Bool = true) throws -> XLSXFile {
        let path = folder.file("export-\(UUID().uuidString).xlsx")
        let writer = try XLSXWriter(
            path: path,
            sheet: sheet ?? self.sheet,
            timeZone: moscow,
            constantMemory: constantMemory
        )
        for row in rows {
            try writer.append(row)
        }
        try writer.finish()
        return XLSXFile(path: path)
    }

    @Test func headerIsBoldFrozenAndFiltered() throws {
        let file = try write([
            [.text("anna@example.com"), .integer(1), .number(10.5), .dateTime(december)],
            [.text("boris@example.com"), .integer(2), .number(20), .dateTime(december)],
        ])
        let xml = try file.part("xl/worksheets/sheet1.xml")
        #expect(xml.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(xml.contains(#"<autoFilter ref="A1:D3"/>"#))
        #expect(xml.components(separatedBy: "<col ").count - 1 == 4)
        // Integer and date columns carry their number format for cells typed in later.
        #expect(xml.contains(/<col min="1" max="1" width="[\d.]+" customWidth="1"\/>/))
        #expect(xml.contains(/<col min="2" max="2" width="[\d.]+" style="\d+" customWidth="1"\/>/))
        #expect(xml.contains(/<col min="4" max="4" width="[\d.]+" style="\d+" customWidth="1"\/>/))
        // The header cells carry a style whose font is bold.
        let headerStyle = try #require(xml.firstMatch(of: /<c r="A1" s="(\d+)"/)?.output.1)
        let styles = try file.part("xl/styles.xml")
        let fonts = styles.matches(of: /<font>(.*?)<\/font>/).map { String($0.output.1) }
        let formats = try #require(styles.firstMatch(of: /<cellXfs[^>]*>(.*?)<\/cellXfs>/)?.output.1)
        let fontIDs = formats.matches(of: /<xf [^>]*fontId="(\d+)"/).map { Int($0.output.1)! }
        #expect(fonts[fontIDs[Int(headerStyle)!]].contains("<b/>"))

        let book = try file.load()
        #expect(book.sheetNames == ["Журнал"])
        #expect(book.freezePanes == "A2")
        #expect(book.autoFilter == "A1:D3")
        #expect(book.headerBold == [true, true, true, true])
        #expect(book.rows[1].map { $0?.dataType } == ["s", "n", "n", "d"])
    }

    @Test(arguments: [true, false])
    func valuesKeepTheirTypes(constantMemory: Bool) throws {
        let file = try write(
            [
                [.text("Иванова Анна"), .integer(42), .number(3.25), .dateTime(december)],
                [.empty, .empty, .empty, .empty],
            ],
            constantMemory: constantMemory
        )
        let xml = try file.part("xl/worksheets/sheet1.xml")
        #expect(xml.contains(/<c r="B2" s="\d+"><v>42<\/v><\/c>/))
        #expect(xml.contains(/<c r="D2" s="\d+"><v>46357.5<\/v><\/c>/))
        #expect(xml.contains(#"<c r="C2"><v>3.25</v></c>"#))
        #expect(xml.contains(constantMemory ? #"<c r="A2" t="inlineStr">"# : #"<c r="A2" t="s">"#))
        #expect(!xml.contains("<f>"))
        // The date cell's style has the date format.
        let styles = try file.part("xl/styles.xml")
        #expect(styles.contains(#"formatCode="dd.mm.yyyy hh:mm""#))

        let book = try file.load()
        #expect(book.rows[0] == [.string("Получатель"), .string("Попытки"), .string("Сумма"), .string("Создано")])
        #expect(book.rows[1] == [.string("Иванова Анна"), .int(42), .float("3.25"), .date("2026-12-01T12:00:00")])
        #expect(book.rows.count == 2)
    }

    @Test(arguments: [true, false])
    func hostileTextStaysText(constantMemory: Bool) throws {
        let hostile = [
            #"=HYPERLINK("http://x","y")"#, "+cmd|' /C calc'!A0", "-1+1", "@SUM(A1)", "=1+1",
            "http://example.com/", "=cmd|' /C notepad'!'A1'", "\t=1+1", "  leading and trailing  ",
        ]
        let columns = [Column(header: "=A1", kind: .text)]
        let file = try write(
            hostile.map { [.text($0)] },
            sheet: Sheet(title: "T", columns: columns),
            constantMemory: constantMemory
        )
        let xml = try file.part("xl/worksheets/sheet1.xml")
        #expect(!xml.contains("<f>"))
        #expect(!xml.contains("<f "))
        #expect(!xml.contains("hyperlink"))
        let book = try file.load()
        #expect(book.rows.map { $0[0] } == (["=A1"] + hostile).map { .string($0) })
    }

    /// Printed, a dozen columns fit one landscape page wide, and every page starts with the header.
    @Test(arguments: [true, false])
    func printsLandscapeOnePageWideWithTheHeaderOnEveryPage(constantMemory: Bool) throws {
        let file = try write(
            [[.text("anna@example.com"), .integer(1), .number(10.5), .dateTime(december)]],
            constantMemory: constantMemory
        )
        let xml = try file.part("xl/worksheets/sheet1.xml")
        #expect(xml.contains(#"<pageSetUpPr fitToPage="1"/>"#))
        let setup = try #require(xml.firstMatch(of: /<pageSetup [^>]*\/>/)?.output)
        #expect(setup.contains(#"orientation="landscape""#))
        #expect(setup.contains(#"paperSize="9""#))
        // fitToWidth defaults to 1 when absent; 0 pages high means "as many as it takes".
        #expect(!setup.contains("fitToWidth=") || setup.contains(#"fitToWidth="1""#))
        #expect(setup.contains(#"fitToHeight="0""#))
        let workbook = try file.part("xl/workbook.xml")
        #expect(
            workbook.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'Журнал'!$1:$1</definedName>"#)
        )
    }

    @Test func longTextIsCutWithAMarker() throws {
        let long = String(repeating: "Ж", count: 40_000)
        let exact = String(repeating: "a", count: 32_767)
        let file = try write([[.text(long)], [.text(exact)]], sheet: Sheet(title: "T", columns: [Column(header: "x")]))
        let book = try file.load()
        let cut = try #require(book.rows[1][0]?.text)
        #expect(cut.utf16.count == 32_767)
        #expect(cut.hasSuffix("… [обрезано]"))
        #expect(long.hasPrefix(cut.dropLast("… [обрезано]".count)))
        #expect(book.rows[2][0] == .string(exact))
    }

    @Test(arguments: [true, false])
    func controlCharactersStillOpen(constantMemory: Bool) throws {
        let controls = String(String.UnicodeScalarView((0...0x1F).compactMap(Unicode.Scalar.init)))
        let text = "a" + controls + "\u{FFFE}\u{FFFF}b"
        let file = try write(
            [[.text(text)], [.text("_x0041_ literal")]],
            sheet: Sheet(title: "T", columns: [Column(header: "x\u{1}\u{0}")]),
            constantMemory: constantMemory
        )
        let part = constantMemory ? "xl/worksheets/sheet1.xml" : "xl/sharedStrings.xml"
        let xml = try file.part(part)
        #expect(XMLParser(data: Data(xml.utf8)).parse())
        #expect(xml.contains("a_x0000__x0001__x0002_"))
        #expect(xml.contains("_xFFFE__xFFFF_b"))
        #expect(xml.contains("_x005F_x0041_ literal"))
        // openpyxl parses it (it leaves most `_xHHHH_` escapes undecoded, as they are in the XML).
        let book = try file.load()
        #expect(book.rows.count == 3)
        #expect(book.rows[1][0]?.text.hasPrefix("a_x0000_") == true)
    }

    @Test func sheetTitleIsCleaned() throws {
        let title = "'[Отчёт]: 01/02 *?\\ за декабрь по всем профилям магазина'"
        let file = try write([], sheet: Sheet(title: title, columns: [Column(header: "x")]))
        #expect(try file.load().sheetNames == ["Отчёт 0102  за декабрь по всем"])
    }

    @Test func hundredThousandRowsInConstantMemory() throws {
        let count = 100_000
        let path = folder.file("big.xlsx")
        let writer = try XLSXWriter(path: path, sheet: sheet, timeZone: moscow)
        for index in 1...count {
            try writer.append([
                .text("user\(index)@example.com"), .integer(Int64(index)), .number(Double(index) + 0.25),
                .dateTime(december.addingTimeInterval(Double(index) * 60)),
            ])
        }
        try writer.finish()
        let file = XLSXFile(path: path)
        let xml = try file.part("xl/worksheets/sheet1.xml")
        #expect(xml.components(separatedBy: "<row ").count - 1 == count + 1)
        #expect(xml.contains(#"<autoFilter ref="A1:D100001"/>"#))
        let book = try file.load(allRows: false)
        #expect(book.maxRow == count + 1)
        #expect(
            book.rows[0] == [
                .string("user100000@example.com"), .int(100_000), .float("100000.25"), .date("2027-02-08T22:40:00"),
            ]
        )
    }

    @Test func widthsFitEveryRowUpToSixty() throws {
        let sheet = Sheet(
            title: "T",
            columns: [
                Column(header: "Адрес"), Column(header: "Длинный"), Column(header: "Задано", width: 33.5),
                Column(header: "ID", kind: .integer),
            ]
        )
        var rows: [[Cell]] = Array(repeating: [.text("a"), .text("b"), .text("c"), .integer(7)], count: 300)
        // A late row still widens its column: widths are set when the file is finished.
        rows.append([
            .text(String(repeating: "ш", count: 50)), .text(String(repeating: "x", count: 500)), .text("c"),
            .integer(7),
        ])
        let widths = try #require(try write(rows, sheet: sheet).load().widths)
        let address = try #require(widths["A"])
        #expect(address > 50 && address < 53)
        #expect(try #require(widths["B"]) < 62)
        #expect(try #require(widths["B"]) > 59)
        #expect(try #require(widths["C"]) > 33.5 && widths["C"]! < 35)
        #expect(try #require(widths["D"]) < 10)
    }

    @Test func datesAreTheWallClockOfTheZone() throws {
        let summer = Date(timeIntervalSince1970: 1_782_907_200)  // 2026-07-01 12:00 UTC
        let columns = [Column(header: "Дата", kind: .dateTime)]
        let path = folder.file("dates.xlsx")
        let rows: [[Cell]] = [
            [.dateTime(summer)], [.dateTime(december)], [.dateTime(Date(timeIntervalSince1970: -5_364_662_400))],
        ]
        try XLSXWriter.write(
            Sheet(title: "T", columns: columns),
            rows: rows,
            to: path,
            timeZone: TimeZone(identifier: "America/New_York")!
        )
        let book = try XLSXFile(path: path).load()
        #expect(book.rows[1][0] == .date("2026-07-01T08:00:00"))  // summer time, UTC−4
        #expect(book.rows[2][0] == .date("2026-12-01T04:00:00"))  // winter time, UTC−5
        #expect(book.rows[3][0] == .string("31.12.1799 19:03"))  // before Excel's calendar: as text
    }

    @Test func numbersExcelCannotHoldBecomeText() throws {
        let columns = [Column(header: "n", kind: .integer), Column(header: "x", kind: .number)]
        let file = try write(
            [
                [.integer(999_999_999_999_999), .number(.nan)], [.integer(Int64.max), .number(.infinity)],
                [.integer(-1_000_000_000_000_000), .number(-.infinity)],
            ],
            sheet: Sheet(title: "T", columns: columns)
        )
        let book = try file.load()
        #expect(book.rows[1] == [.int(999_999_999_999_999), .string("nan")])
        #expect(book.rows[2] == [.string("9223372036854775807"), .string("inf")])
        #expect(book.rows[3] == [.string("-1000000000000000"), .string("-inf")])
    }

    @Test func misuseIsRefused() throws {
        let path = folder.file("misuse.xlsx")
        #expect(throws: XLSXError.columnCount(0)) {
            try XLSXWriter(path: path, sheet: Sheet(title: "T", columns: []), timeZone: moscow)
        }
        #expect(throws: XLSXError.cannotCreateFile(path: folder.file("missing/x.xlsx"))) {
            try XLSXWriter(path: folder.file("missing/x.xlsx"), sheet: sheet, timeZone: moscow)
        }
        let writer = try XLSXWriter(path: path, sheet: sheet, timeZone: moscow)
        #expect(throws: XLSXError.rowWidth(row: 1, expected: 4, actual: 1)) { try writer.append([.text("x")]) }
        try writer.finish()
        #expect(throws: XLSXError.finished) { try writer.append([.empty, .empty, .empty, .empty]) }
        #expect(throws: XLSXError.finished) { try writer.finish() }
        #expect(try XLSXFile(path: path).load().maxRow == 1)
    }

    @Test func abandonedWriterDeletesItsFile() throws {
        let path = folder.file("abandoned.xlsx")
        do {
            let writer = try XLSXWriter(path: path, sheet: sheet, timeZone: moscow)
            try writer.append([.text("x"), .integer(1), .number(1), .dateTime(december)])
            #expect(FileManager.default.fileExists(atPath: path))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func writersOnSeveralThreads() throws {
        let failures = Mutex<[String]>([])
        let folder = self.folder
        let sheet = self.sheet
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            do {
                let rows: [[Cell]] = (1...5_000).map {
                    [.text("w\(worker)-\($0)"), .integer(Int64($0)), .number(0.5), .empty]
                }
                try XLSXWriter.write(sheet, rows: rows, to: folder.file("thread-\(worker).xlsx"), timeZone: .gmt)
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        for worker in 0..<4 {
            let book = try XLSXFile(path: folder.file("thread-\(worker).xlsx")).load(allRows: false)
            #expect(book.maxRow == 5_001)
            #expect(book.rows[0].first == .string("w\(worker)-5000"))
        }
    }
}
