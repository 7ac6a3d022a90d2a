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

    /// The first string anywhere inside with a control character, as a path like
    /// `items[2].name` (so an error can name the variable that carried a line break).
    public func pathOfControlCharacters(prefix: String = "") -> String? {
        switch self {
        case .string(let text):
            return HeaderSafety.hasControlCharacters(text) ? prefix : nil
        case .array(let values):
            for (index, value) in values.enumerated() {
                if let path = value.pathOfControlCharacters(prefix: "\(prefix)[\(index)]") { return path }
            }
            return nil
        case .object(let fields):
            for key in fields.keys.sorted() {
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                if let found = fields[key]!.pathOfControlCharacters(prefix: path) { return found }
            }
            return nil
        case .null, .bool, .integer, .number:
            return nil
        }
    }
}
