import Foundation

/// An .xlsx written by a test, read back the way other programs read it: its XML parts with
/// Debian's `unzip`, its values with openpyxl (the best «it opens» check short of Excel).
public struct XLSXFile {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// One value as openpyxl sees it: `type` is the Python type (`str`, `int`, `float`, `datetime`),
    /// `text` its `str()` (ISO 8601 for a datetime), `dataType` openpyxl's cell type (`s`, `n`, `d`, `f` …).
    public struct Value: Decodable, Equatable, Sendable {
        public let type: String
        public let text: String
        public let dataType: String

        public init(type: String, text: String, dataType: String) {
            self.type = type
            self.text = text
            self.dataType = dataType
        }
    }

    /// What openpyxl loaded.
    public struct Book: Decodable, Sendable {
        public let sheetNames: [String]
        public let maxRow: Int
        public let maxColumn: Int
        /// Every row, or only the last one when loaded with `allRows: false`.
        public let rows: [[Value?]]
        public let freezePanes: String?
        public let autoFilter: String?
        public let headerBold: [Bool]?
        /// Column letter → width, for the columns that have one.
        public let widths: [String: Double]?
    }

    /// The text of one part of the zip, such as `xl/worksheets/sheet1.xml`.
    public func part(_ name: String) throws -> String {
        String(decoding: try Self.run("/usr/bin/unzip", ["-p", path, name]), as: UTF8.self)
    }

    /// Every part of the zip, uncompressed and concatenated (to search the whole file for a secret).
    public func allParts() throws -> String {
        String(decoding: try Self.run("/usr/bin/unzip", ["-p", path]), as: UTF8.self)
    }

    /// Loads the workbook with openpyxl; `allRows: false` streams it (read-only mode) and returns only
    /// the last row.
    public func load(allRows: Bool = true) throws -> Book {
        let output = try Self.run("/usr/bin/python3", ["-c", Self.script, path, allRows ? "all" : "last"])
        return try JSONDecoder().decode(Book.self, from: output)
    }

    private static let script = """
        import datetime, json, sys, openpyxl
        path, mode = sys.argv[1], sys.argv[2]
        wb = openpyxl.load_workbook(path, read_only=(mode == "last"))
        ws = wb.worksheets[0]
        def value(c):
            v = c.value
            if v is None:
                return None
            text = v.isoformat() if isinstance(v, datetime.datetime) else str(v)
            return {"type": type(v).__name__, "text": text, "dataType": c.data_type}
        book = {"sheetNames": wb.sheetnames, "maxRow": ws.max_row, "maxColumn": ws.max_column}
        if mode == "all":
            book["rows"] = [[value(c) for c in row] for row in ws.iter_rows()]
            book["freezePanes"] = ws.freeze_panes
            book["autoFilter"] = ws.auto_filter.ref
            book["headerBold"] = [bool(c.font.b) for c in ws[1]]
            book["widths"] = {k: d.width for k, d in ws.column_dimensions.items() if d.customWidth}
        else:
            last = None
            for row in ws.iter_rows():
                last = row
            book["rows"] = [[value(c) for c in last]]
        json.dump(book, sys.stdout)
        """

    private static func run(_ executable: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting, so a large output cannot fill the pipe and stall the child.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable) failed: " + String(decoding: message, as: UTF8.self))
        }
        return data
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }
}

extension XLSXFile.Value {
    public static func string(_ text: String) -> Self { .init(type: "str", text: text, dataType: "s") }
    public static func int(_ value: Int64) -> Self { .init(type: "int", text: String(value), dataType: "n") }
    public static func float(_ text: String) -> Self { .init(type: "float", text: text, dataType: "n") }
    public static func date(_ iso: String) -> Self { .init(type: "datetime", text: iso, dataType: "d") }
}
