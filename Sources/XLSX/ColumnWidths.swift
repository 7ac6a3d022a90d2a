/// Column widths that fit the header and every value written.
///
/// libxlsxwriter 1.1.4 writes `<cols>` when the workbook is closed, also in constant-memory mode,
/// so `worksheet_set_column` may come after the last row: the widths are measured over all rows
/// as they stream by and set in `finish()`, with no row kept back. (`XLSXWriterTests` checks that
/// a long value in a late row still widens its column.)
struct ColumnWidths {
    /// The widest a fitted column gets; longer values are cut off on screen.
    static let cap = 60
    /// The narrowest a fitted column gets.
    static let minimum = 6.0
    /// Excel's own limit.
    static let maximum = 255.0

    /// Per column, the widest thing seen so far, in widths of «0».
    private var fitted: [Double]

    init(headers: [String]) {
        // A bold header is about a tenth wider, and the autofilter's button takes about three «0».
        fitted = headers.map { Double(CellText.displayWidth($0, cap: Self.cap)) * 1.1 + 3 }
    }

    /// Notes a value `characters` wide in `column`.
    mutating func fit(_ characters: Int, column: Int) {
        let width = Double(characters) + 1
        if width > fitted[column] { fitted[column] = width }
    }

    /// The width to give `column`: its hint if it has a usable one, else what fits.
    func width(of column: Column, at index: Int) -> Double {
        if let hint = column.width, hint.isFinite { return min(max(hint, 0), Self.maximum) }
        return min(max(fitted[index], Self.minimum), Double(Self.cap))
    }
}
