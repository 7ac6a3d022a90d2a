import Foundation
import HTTPCore
import XLSX

/// «Выгрузка в Microsoft Excel»: a table of the panel as a real .xlsx, streamed from a
/// temporary file so a worker's memory does not grow with the rows.
struct SpreadsheetExport {
    let title: String
    let columns: [DataTable.Column]
    let timeZone: TimeZone

    init(title: String, columns: [DataTable.Column], timeZone: TimeZone) {
        self.title = title
        self.columns = columns
        self.timeZone = timeZone
    }

    /// The table exactly as on screen.
    static func response(for table: DataTable, fileName: String, timeZone: TimeZone) throws -> HTTPResponse {
        try SpreadsheetExport(title: table.title, columns: table.columns, timeZone: timeZone)
            .response(fileName: fileName) { append in
                for row in table.rows { try append(row) }
            }
    }

    /// Writes the rows `produce` appends (one at a time, from a cursor if need be) and answers
    /// with the file as a download named `fileName` (without extension).
    func response(
        fileName: String,
        produce: (_ append: ([DataTable.Cell]) throws -> Void) throws -> Void
    ) throws
        -> HTTPResponse
    {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailrobot-export-\(UUID().uuidString).xlsx"
        ).path
        let sheet = Sheet(title: title, columns: columns.map { Column(header: $0.title, kind: $0.kind.sheetKind) })
        do {
            let writer = try XLSXWriter(path: path, sheet: sheet, timeZone: timeZone)
            try produce { row in try writer.append(row.map(\.value.sheetCell)) }
            try writer.finish()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return HTTPResponse(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                .contentDisposition: ContentDisposition.attachment(fileName: fileName + ".xlsx"),
                .cacheControl: "no-store",
                .xContentTypeOptions: "nosniff",
            ],
            body: .temporaryFile(path: path)
        )
    }
}

extension DataTable.Kind {
    var sheetKind: Column.Kind {
        switch self {
        case .text: .text
        case .integer: .integer
        case .dateTime: .dateTime
        }
    }
}

extension DataTable.Value {
    var sheetCell: Cell {
        switch self {
        case .text(let text): .text(text)
        case .integer(let number): .integer(number)
        case .dateTime(let date): .dateTime(date)
        case .empty: .empty
        }
    }
}
