internal import CXLSXWriter
public import Foundation

/// Writes one `Sheet` to an .xlsx file, a row at a time.
///
/// The file has a bold header row that stays in view (frozen pane), an autofilter over the header
/// and every row, columns as wide as their contents (up to 60), numbers as numbers, dates as
/// dates, and every text as text: libxlsxwriter's `worksheet_write_string` is the only way text
/// reaches a cell, so `=HYPERLINK("http://x","y")`, `+cmd`, `-1+1` or `@SUM(A1)` is never a
/// formula or a link.
///
/// In constant-memory mode (the default) each row goes to a temporary file as soon as it is
/// appended and strings are written inline, so exporting 100,000 rows from a database cursor
/// holds one row at a time. Without it libxlsxwriter keeps every cell until `finish()` and shares
/// repeated strings (a smaller file for small tables).
///
/// Printed, the sheet is landscape A4, scaled to one page wide (as many pages down as it takes),
/// with the header row repeated at the top of every page.
///
/// One writer is used by one thread; writers on different threads and files are independent.
/// Call `finish()` to write the file; a writer released without it deletes its partial file.
/// - SeeAlso: https://libxlsxwriter.github.io/working_with_memory.html
public final class XLSXWriter {
    /// The most data rows a sheet holds: Excel's 1,048,576 rows less the header.
    public static let maxRows = 1_048_575
    /// Integers of more digits than this are written as text: Excel keeps 15 significant digits.
    static let largestExactInteger: Int64 = 999_999_999_999_999

    public var path: String { workbook.path }
    private let workbook: Workbook
    private let worksheet: UnsafeMutablePointer<lxw_worksheet>
    private let headerFormat: UnsafeMutablePointer<lxw_format>
    private let integerFormat: UnsafeMutablePointer<lxw_format>
    private let dateFormat: UnsafeMutablePointer<lxw_format>
    private let columns: [Column]
    private let dates: ExcelDate
    private var widths: ColumnWidths
    private var rowsWritten = 0
    private var isFinished = false

    /// Creates the file at `path` (replacing any) and writes the header row. Dates are written as
    /// the wall-clock time in `timeZone`.
    public init(path: String, sheet: Sheet, timeZone: TimeZone, constantMemory: Bool = true) throws {
        guard (1...16_384).contains(sheet.columns.count) else { throw XLSXError.columnCount(sheet.columns.count) }
        // A throw from here on releases `workbook`, which closes it and deletes the partial file.
        workbook = try Workbook(path: path, constantMemory: constantMemory)
        worksheet = try workbook.addWorksheet(named: sheet.excelTitle)
        headerFormat = try workbook.addFormat { format_set_bold($0) }
        integerFormat = try workbook.addFormat { format_set_num_format($0, "0") }
        dateFormat = try workbook.addFormat { format_set_num_format($0, ExcelDate.numberFormat) }
        columns = sheet.columns
        dates = ExcelDate(timeZone: timeZone)
        widths = ColumnWidths(headers: sheet.columns.map(\.header))
        worksheet_freeze_panes(worksheet, 1, 0)
        try Self.setUpPrinting(worksheet)
        for (index, column) in columns.enumerated() {
            let text = CellText.encode(column.header)
            try check(
                worksheet_write_string(worksheet, 0, lxw_col_t(index), text, headerFormat),
                "worksheet_write_string"
            )
        }
    }

    /// Landscape A4, one page wide, the header row on every printed page: a table of a dozen
    /// columns otherwise prints across several portrait pages, its right half apart from its
    /// left.
    /// - SeeAlso: https://libxlsxwriter.github.io/worksheet_8h.html (page setup)
    private static func setUpPrinting(_ worksheet: UnsafeMutablePointer<lxw_worksheet>) throws {
        worksheet_set_landscape(worksheet)
        worksheet_set_paper(worksheet, a4Paper)
        // Height 0: as many pages down as the rows need.
        worksheet_fit_to_pages(worksheet, 1, 0)
        try check(worksheet_repeat_rows(worksheet, 0, 0), "worksheet_repeat_rows")
    }

    /// libxlsxwriter's paper code for A4.
    private static let a4Paper: UInt8 = 9

    /// Writes the next row; it must have one cell per column.
    public func append(_ row: [Cell]) throws {
        guard !isFinished else { throw XLSXError.finished }
        guard row.count == columns.count else {
            throw XLSXError.rowWidth(row: rowsWritten + 1, expected: columns.count, actual: row.count)
        }
        guard rowsWritten < Self.maxRows else { throw XLSXError.tooManyRows }
        // Counted first: constant-memory mode only moves forward, so a row that failed half-way
        // is not written over.
        rowsWritten += 1
        let rowIndex = lxw_row_t(rowsWritten)
        for (index, cell) in row.enumerated() {
            try write(cell, row: rowIndex, column: index)
        }
    }

    /// Sets the column widths and the autofilter and writes the file.
    public func finish() throws {
        guard !isFinished else { throw XLSXError.finished }
        isFinished = true
        for (index, column) in columns.enumerated() {
            let format: UnsafeMutablePointer<lxw_format>? =
                switch column.kind {
                case .text, .number: nil
                case .integer: integerFormat
                case .dateTime: dateFormat
                }
            let width = widths.width(of: column, at: index)
            let col = lxw_col_t(index)
            try check(worksheet_set_column(worksheet, col, col, width, format), "worksheet_set_column")
        }
        let lastColumn = lxw_col_t(columns.count - 1)
        try check(worksheet_autofilter(worksheet, 0, 0, lxw_row_t(rowsWritten), lastColumn), "worksheet_autofilter")
        try workbook.close()
    }

    /// Writes `sheet` with all its `rows` to `path` in one call.
    public static func write(_ sheet: Sheet, rows: [[Cell]], to path: String, timeZone: TimeZone) throws {
        let writer = try XLSXWriter(path: path, sheet: sheet, timeZone: timeZone)
        for row in rows {
            try writer.append(row)
        }
        try writer.finish()
    }

    private func write(_ cell: Cell, row: lxw_row_t, column: Int) throws {
        let col = lxw_col_t(column)
        switch cell {
        case .empty:
            return
        case .text(let text):
            try writeText(text, row: row, column: column)
        case .integer(let value) where value.magnitude > Self.largestExactInteger.magnitude:
            try writeText(String(value), row: row, column: column)
        case .integer(let value):
            try check(
                worksheet_write_number(worksheet, row, col, Double(value), integerFormat),
                "worksheet_write_number"
            )
            widths.fit(String(value).count, column: column)
        case .number(let value) where !value.isFinite:
            try writeText(String(value), row: row, column: column)
        case .number(let value):
            try check(worksheet_write_number(worksheet, row, col, value, nil), "worksheet_write_number")
            // Excel's General format shows at most 11 characters.
            widths.fit(min(String(value).count, 11), column: column)
        case .dateTime(let date):
            guard let serial = dates.serial(date) else {
                try writeText(dates.text(date), row: row, column: column)
                return
            }
            try check(worksheet_write_number(worksheet, row, col, serial, dateFormat), "worksheet_write_number")
            widths.fit(ExcelDate.numberFormat.count, column: column)
        }
    }

    private func writeText(_ text: String, row: lxw_row_t, column: Int) throws {
        let encoded = CellText.encode(text)
        try check(worksheet_write_string(worksheet, row, lxw_col_t(column), encoded, nil), "worksheet_write_string")
        widths.fit(CellText.displayWidth(text, cap: ColumnWidths.cap), column: column)
    }
}
