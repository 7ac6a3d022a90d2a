import Foundation

/// A table as the panel shows it: the page renders it and «Выгрузка в Microsoft Excel»
/// exports exactly the same columns and rows.
struct DataTable {
    enum Kind {
        case text
        case integer
        case dateTime
    }

    struct Column {
        let title: String
        let kind: Kind
    }

    /// A cell's typed value (for the export) and the text the page shows.
    enum Value {
        case text(String)
        case integer(Int64)
        case dateTime(Date)
        case empty
    }

    struct Cell {
        let value: Value
        private let label: Label

        /// The page's text; worked out only when a page asks (an export of 100,000 rows needs
        /// none of the formatted times).
        enum Label {
            case literal(String)
            case time(TimeFormat)
        }

        init(value: Value, display: String) {
            self.value = value
            label = .literal(display)
        }

        init(time date: Date, _ format: TimeFormat) {
            value = .dateTime(date)
            label = .time(format)
        }

        var display: String {
            switch (label, value) {
            case (.literal(let text), _): text
            case (.time(let format), .dateTime(let date)): format.string(date)
            case (.time, _): ""
            }
        }
    }

    let title: String
    let columns: [Column]
    var rows: [[Cell]] = []

    init(title: String, columns: [Column]) {
        self.title = title
        self.columns = columns
    }
}

extension DataTable.Cell {
    static func text(_ text: String) -> Self { .init(value: .text(text), display: text) }
    static func integer(_ number: Int) -> Self { .init(value: .integer(Int64(number)), display: String(number)) }
    static func date(_ date: Date?, _ format: TimeFormat) -> Self {
        guard let date else { return .init(value: .empty, display: "") }
        return .init(time: date, format)
    }
}
