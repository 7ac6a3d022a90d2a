public import struct Foundation.Date

/// One result row, read by column name.
public struct Row: Sendable {
    let columns: ColumnIndex
    public let values: [SQLValue]

    /// The value of column `name`; `.null` for a column the query does not have.
    public subscript(name: String) -> SQLValue {
        guard let index = columns.positions[name] else { return .null }
        return values[index]
    }

    /// The value of column `index`.
    public subscript(index: Int) -> SQLValue { values[index] }

    public func int(_ name: String) -> Int { Int(int64(name)) }

    public func int64(_ name: String) -> Int64 {
        switch self[name] {
        case .integer(let value): value
        case .real(let value): Int64(value)
        case .text(let value): Int64(value) ?? 0
        case .null, .blob: 0
        }
    }

    public func optionalInt64(_ name: String) -> Int64? {
        if case .null = self[name] { return nil }
        return int64(name)
    }

    public func bool(_ name: String) -> Bool { int64(name) != 0 }

    public func string(_ name: String) -> String { optionalString(name) ?? "" }

    public func optionalString(_ name: String) -> String? {
        switch self[name] {
        case .text(let value): value
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        case .null: nil
        }
    }

    public func blob(_ name: String) -> [UInt8]? {
        switch self[name] {
        case .blob(let bytes): bytes
        case .text(let value): Array(value.utf8)
        default: nil
        }
    }

    public func date(_ name: String) -> Date { optionalDate(name) ?? Date(timeIntervalSince1970: 0) }

    public func optionalDate(_ name: String) -> Date? {
        optionalInt64(name).map { Date(timeIntervalSince1970: Double($0)) }
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
