internal import CXLSXWriter

/// Why an export could not be written.
public enum XLSXError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A libxlsxwriter call returned an error: `code` is its `lxw_error` number, `message` its text.
    case library(call: String, code: Int, message: String)
    /// A libxlsxwriter call returned no object: out of memory, or no temporary file could be made.
    case noObject(call: String)
    /// The output file could not be created (missing folder, no permission).
    case cannotCreateFile(path: String)
    /// A sheet needs 1…16,384 columns.
    case columnCount(Int)
    /// A row had `actual` cells where the sheet has `expected` columns; `row` counts data rows from 1.
    case rowWidth(row: Int, expected: Int, actual: Int)
    /// Excel's limit of 1,048,576 rows (the header and 1,048,575 data rows) was reached.
    case tooManyRows
    /// `append` or `finish` was called after `finish`.
    case finished

    public var description: String {
        switch self {
        case .library(let call, let code, let message): "libxlsxwriter \(call) failed with error \(code): \(message)"
        case .noObject(let call): "libxlsxwriter \(call) failed (out of memory or no temporary file)"
        case .cannotCreateFile(let path): "cannot create the file \(path)"
        case .columnCount(let count): "a sheet needs 1 to 16384 columns, not \(count)"
        case .rowWidth(let row, let expected, let actual):
            "row \(row) has \(actual) cells, the sheet has \(expected) columns"
        case .tooManyRows: "Excel holds at most \(XLSXWriter.maxRows) rows under the header"
        case .finished: "the workbook has already been finished"
        }
    }
}

/// The one place where a libxlsxwriter status code becomes a Swift error.
func check(_ code: lxw_error, _ call: String) throws {
    guard code != LXW_NO_ERROR else { return }
    let message = lxw_strerror(code).map { String(cString: $0) } ?? "unknown error"
    throw XLSXError.library(call: call, code: Int(code.rawValue), message: message)
}

/// The object a libxlsxwriter constructor returned, or `XLSXError.noObject`.
func made<Object>(_ object: UnsafeMutablePointer<Object>?, _ call: String) throws -> UnsafeMutablePointer<Object> {
    guard let object else { throw XLSXError.noObject(call: call) }
    return object
}
