/// A JSON value as the shop sends it (template variables, API bodies), parsed by
/// `init(parsing:)` without Foundation's loosely typed `Any`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The fields of an object, or nil.
    public var objectValue: [String: JSONValue]? {
        if case .object(let fields) = self { return fields }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The JSON type's name, for error messages ("expected a string, got a number").
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Every string inside with a control character (`HeaderSafety`), as paths like
    /// `items[2].name`, array elements in order and object keys sorted (so an error can name the
    /// variable that carried a line break).
    public func pathsOfControlCharacters() -> [String] {
        var paths: [String] = []
        visitStrings(prefix: "") { path, text in
            if HeaderSafety.hasControlCharacters(text) { paths.append(path) }
        }
        return paths
    }

    /// This value with the control characters of every string replaced by spaces, except in the
    /// strings at the paths in `kept` (as `pathsOfControlCharacters` names them). A string never
    /// becomes empty by it, so a section over it stays as true as it was.
    public func replacingControlCharacters(except kept: Set<String>, prefix: String = "") -> JSONValue {
        switch self {
        case .string(let text):
            guard !kept.contains(prefix), HeaderSafety.hasControlCharacters(text) else { return self }
            return .string(HeaderSafety.replacingControlCharacters(text))
        case .array(let values):
            return .array(
                values.enumerated().map { $1.replacingControlCharacters(except: kept, prefix: "\(prefix)[\($0)]") }
            )
        case .object(let fields):
            var cleaned: [String: JSONValue] = [:]
            for (key, value) in fields {
                cleaned[key] = value.replacingControlCharacters(except: kept, prefix: Self.path(prefix, key))
            }
            return .object(cleaned)
        case .null, .bool, .integer, .number:
            return self
        }
    }

    private func visitStrings(prefix: String, _ visit: (String, String) -> Void) {
        switch self {
        case .string(let text):
            visit(prefix, text)
        case .array(let values):
            for (index, value) in values.enumerated() { value.visitStrings(prefix: "\(prefix)[\(index)]", visit) }
        case .object(let fields):
            for key in fields.keys.sorted() { fields[key]!.visitStrings(prefix: Self.path(prefix, key), visit) }
        case .null, .bool, .integer, .number:
            break
        }
    }

    private static func path(_ prefix: String, _ key: String) -> String {
        prefix.isEmpty ? key : "\(prefix).\(key)"
    }
}
