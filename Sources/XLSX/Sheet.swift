public import Foundation

/// A table to export: a title and its columns, in the order they appear on screen.
///
/// The rows themselves are not part of the value: they are streamed through `XLSXWriter.append(_:)`
/// so that a large export never holds them all in memory.
public struct Sheet: Sendable, Hashable {
    /// The worksheet's tab name. Excel's rules are applied when the file is written: the characters
    /// `[ ] : * ? / \` and control characters are dropped, leading and trailing apostrophes and
    /// spaces trimmed, the name cut to 31 characters, and an empty result becomes «Лист1».
    public var title: String
    public var columns: [Column]

    public init(title: String, columns: [Column]) {
        self.title = title
        self.columns = columns
    }
}

/// One column of a `Sheet`.
public struct Column: Sendable, Hashable {
    /// What a column holds; it sets the number format of the whole column, so cells left empty
    /// and values typed in later look like the rest of it.
    public enum Kind: Sendable, Hashable {
        case text
        /// Whole numbers, shown with every digit (format `0`).
        case integer
        /// Any number, shown in Excel's General format.
        case number
        /// A date and time, shown as `dd.mm.yyyy hh:mm`.
        case dateTime
    }

    /// The header cell's text (bold, frozen, with the autofilter's button).
    public var header: String
    public var kind: Kind
    /// The width in Excel's units (the width of one «0»), 0…255; `nil` (or a value that is not
    /// finite) fits the column to its header and every value written, up to 60.
    public var width: Double?

    public init(header: String, kind: Kind = .text, width: Double? = nil) {
        self.header = header
        self.kind = kind
        self.width = width
    }
}

/// One value of a row. Each case is written as its own type, whatever its column's kind, so a
/// placeholder such as `.text("—")` may stand in a number column.
public enum Cell: Sendable, Hashable {
    /// Always written as text, never as a formula or a link: `=HYPERLINK(…)` stays those characters.
    /// Text past Excel's 32,767-character limit is cut and ends with «… [обрезано]»; an empty
    /// string leaves the cell empty.
    case text(String)
    /// Written as a number; a value of more than 15 digits, which Excel would round, is written as
    /// text so that no digit changes.
    case integer(Int64)
    /// Written as a number; NaN and infinities, which Excel cannot hold, as the text `nan`, `inf`, `-inf`.
    case number(Double)
    /// Written as an Excel date: the wall-clock time in the writer's time zone (Excel dates have no
    /// zone). A date before 1 March 1900 or after 9999, which Excel cannot show, is written as text.
    case dateTime(Date)
    case empty
}
