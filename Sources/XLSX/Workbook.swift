internal import CXLSXWriter
import Foundation
import Synchronization

/// Owns one libxlsxwriter workbook: the handle, the formats and worksheets it allocates, and the
/// temporary files of constant-memory mode.
///
/// `close()` writes the file and frees everything. A workbook dropped without `close()` (an
/// export abandoned half-way or failed) is still closed, because only `workbook_close` frees the
/// worksheet's temporary file (`lxw_workbook_free` leaves its descriptor open), and the partial
/// file is then deleted.
/// - SeeAlso: https://libxlsxwriter.github.io/workbook_8h.html
final class Workbook {
    let path: String
    private var handle: UnsafeMutablePointer<lxw_workbook>?

    /// libxlsxwriter 1.1.4 keeps one piece of process-wide state: while closing it formats the
    /// creation time with `gmtime`, whose result is a static buffer. Closing one workbook at a
    /// time keeps two exports on two threads from tearing each other's timestamp. Everything
    /// else is per workbook: temporary files are opened with `O_EXCL` under random names, so
    /// two threads that draw the same name only cost one of them another try.
    private static let closing = Mutex(())

    /// Creates the output file, so that a path that cannot be written fails now rather than after
    /// the last row, and a workbook for it whose temporary files go to the system's temporary
    /// folder (`TMPDIR`, else `/tmp`).
    init(path: String, constantMemory: Bool) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw XLSXError.cannotCreateFile(path: path)
        }
        let tmpdir = FileManager.default.temporaryDirectory.path
        // libxlsxwriter copies `tmpdir` (lxw_strdup), so the pointer only has to outlive the call.
        let created = tmpdir.withCString { tmpdir in
            var options = lxw_workbook_options(
                constant_memory: constantMemory ? UInt8(LXW_TRUE.rawValue) : UInt8(LXW_FALSE.rawValue),
                tmpdir: UnsafeMutablePointer(mutating: tmpdir),
                use_zip64: UInt8(LXW_FALSE.rawValue)
            )
            return workbook_new_opt(path, &options)
        }
        self.path = path
        do {
            handle = try made(created, "workbook_new_opt")
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    deinit {
        guard let handle else { return }
        Self.close(handle)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Adds the worksheet; `name` must already follow Excel's rules (`Sheet.excelTitle`).
    func addWorksheet(named name: String) throws -> UnsafeMutablePointer<lxw_worksheet> {
        let handle = try open()
        try check(workbook_validate_sheet_name(handle, name), "workbook_validate_sheet_name")
        return try made(workbook_add_worksheet(handle, name), "workbook_add_worksheet")
    }

    /// Adds a cell format and lets `configure` set it up.
    func addFormat(_ configure: (UnsafeMutablePointer<lxw_format>) -> Void) throws -> UnsafeMutablePointer<lxw_format> {
        let format = try made(workbook_add_format(try open()), "workbook_add_format")
        configure(format)
        return format
    }

    /// Writes the file and frees the workbook; on failure the partial file is deleted.
    func close() throws {
        let handle = try open()
        self.handle = nil
        do {
            try check(Self.close(handle), "workbook_close")
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    private func open() throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { throw XLSXError.finished }
        return handle
    }

    @discardableResult
    private static func close(_ handle: UnsafeMutablePointer<lxw_workbook>) -> lxw_error {
        closing.withLock { _ in workbook_close(handle) }
    }
}
