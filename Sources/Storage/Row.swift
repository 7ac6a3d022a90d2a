public import struct Foundation.Date

/// One result row, read by column name. Reading is strict: a column the query does not have, a
/// value of another type than asked for, a NULL where a value is required, or a word an enum
/// does not know throws `RowError`, so a typo in a query or a damaged row fails loudly instead of
/// reading as "", 0 or 1970.
public struct Row: Sendable {
    let columns: ColumnIndex
    public let values: [SQLValue]

    /// The value of column `name`.
    /// - Throws: `RowError.missingColumn` when the query has no such column.
    public func value(_ name: String) throws(RowError) -> SQLValue {
        guard let index = columns.positions[name] else { throw .missingColumn(name) }
        return values[index]
    }

    /// The value of column `index`.
    public subscript(index: Int) -> SQLValue { values[index] }

    public func int(_ name: String) throws(RowError) -> Int { Int(try int64(name)) }

    public func int64(_ name: String) throws(RowError) -> Int64 {
        guard let value = try optionalInt64(name) else { throw .null(name) }
        return value
    }

    public func optionalInt64(_ name: String) throws(RowError) -> Int64? {
        switch try value(name) {
        case .integer(let value): value
        case .null: nil
        case let other: throw .wrongType(column: name, expected: "integer", found: other.typeName)
        }
    }

    /// A flag stored as 0 or 1.
    public func bool(_ name: String) throws(RowError) -> Bool {
        switch try int64(name) {
        case 0: false
        case 1: true
        case let other: throw .unknownValue(column: name, value: String(other))
        }
    }

    public func string(_ name: String) throws(RowError) -> String {
        guard let value = try optionalString(name) else { throw .null(name) }
        return value
    }

    public func optionalString(_ name: String) throws(RowError) -> String? {
        switch try value(name) {
        case .text(let value): value
        case .null: nil
        case let other: throw .wrongType(column: name, expected: "text", found: other.typeName)
        }
    }

    public func blob(_ name: String) throws(RowError) -> [UInt8] {
        switch try value(name) {
        case .blob(let bytes): bytes
        case let other: throw .wrongType(column: name, expected: "blob", found: other.typeName)
        }
    }

    public func date(_ name: String) throws(RowError) -> Date {
        guard let date = try optionalDate(name) else { throw .null(name) }
        return date
    }

    public func optionalDate(_ name: String) throws(RowError) -> Date? {
        try optionalInt64(name).map { Date(timeIntervalSince1970: Double($0)) }
    }

    /// A word stored for an enum (a letter's status, a profile's security mode).
    /// - Throws: `RowError.unknownValue` for a word the enum has no case for.
    public func enumValue<Value: RawRepresentable<String>>(_ type: Value.Type, _ name: String) throws(RowError) -> Value
    {
        let word = try string(name)
        guard let value = Value(rawValue: word) else {
            throw .unknownValue(column: name, value: String(word.prefix(40)))
        }
        return value
    }
}

/// A row that does not read as the code expects: a bug in a query or a damaged database, never
/// something to paper over with a default.
public enum RowError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The query has no column of this name.
    case missingColumn(String)
    /// The column holds NULL where a value is required.
    case null(String)
    /// The column holds a value of another type (the value itself is not shown: it may be secret).
    case wrongType(column: String, expected: String, found: String)
    /// The column holds a word or number the code has no meaning for.
    case unknownValue(column: String, value: String)
    /// A query that always returns a row (`count(*)`, a PRAGMA) returned none.
    case noRow

    public var description: String {
        switch self {
        case .missingColumn(let name): "the query has no column \(name)"
        case .null(let name): "column \(name) is NULL"
        case .wrongType(let name, let expected, let found): "column \(name) holds \(found), not \(expected)"
        case .unknownValue(let name, let value): "column \(name) holds the unknown value \"\(value)\""
        case .noRow: "the query returned no row"
        }
    }
}

extension SQLValue {
    /// The storage class's name, for error messages.
    var typeName: String {
        switch self {
        case .null: "NULL"
        case .integer: "integer"
        case .real: "real"
        case .text: "text"
        case .blob: "blob"
        }
    }
}

/// Column name → position, shared by every row of one statement.
final class ColumnIndex: Sendable {
    let positions: [String: Int]

    init(names: [String]) {
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() where positions[name] == nil {
            positions[name] = index
        }
        self.positions = positions
    }
}
