internal import CSQLite

/// A prepared statement; owns its `sqlite3_stmt` and finalizes it in `deinit`.
/// - SeeAlso: https://sqlite.org/c3ref/stmt.html
final class Statement {
    let handle: OpaquePointer
    let sql: String
    private unowned let database: Database
    private var columns: ColumnIndex?

    init(database: Database, sql: String) throws {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw database.error(code, sql: sql)
        }
        self.handle = handle
        self.sql = sql
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `arguments` to the `?` parameters in order.
    func bind(_ arguments: [any SQLBindable]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == arguments.count else {
            throw DatabaseError(
                code: SQLITE_RANGE,
                message: "expected \(expected) arguments, got \(arguments.count)",
                sql: sql
            )
        }
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32 =
                switch argument.sqlValue {
                case .null: sqlite3_bind_null(handle, index)
                case .integer(let value): sqlite3_bind_int64(handle, index, value)
                case .real(let value): sqlite3_bind_double(handle, index, value)
                case .text(let value):
                    // With its byte length, so a NUL inside the text is stored, not a cut.
                    value.utf8CString.withUnsafeBufferPointer { buffer in
                        sqlite3_bind_text64(
                            handle,
                            index,
                            buffer.baseAddress,
                            UInt64(buffer.count - 1),
                            sqliteTransient,
                            UInt8(SQLITE_UTF8)
                        )
                    }
                case .blob(let bytes):
                    bytes.withUnsafeBytes { buffer in
                        sqlite3_bind_blob64(handle, index, buffer.baseAddress, UInt64(buffer.count), sqliteTransient)
                    }
                }
            try database.check(code, sql: sql)
        }
    }

    /// Runs the statement to the end and returns its rows.
    func rows() throws -> [Row] {
        defer { sqlite3_reset(handle) }
        var result: [Row] = []
        while try step() {
            result.append(currentRow())
        }
        return result
    }

    /// Advances to the next row; false when done.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(code, sql: sql)
        }
    }

    func currentRow() -> Row {
        let count = sqlite3_column_count(handle)
        if columns == nil {
            columns = ColumnIndex(names: (0..<count).map { String(cString: sqlite3_column_name(handle, $0)) })
        }
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for column in 0..<count {
            values.append(value(at: column))
        }
        return Row(columns: columns!, values: values)
    }

    private func value(at column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let pointer = sqlite3_column_text(handle, column) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default:
            return .null
        }
    }
}

/// `SQLITE_TRANSIENT` is a macro Swift cannot import: SQLite copies the bound bytes.
private let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
