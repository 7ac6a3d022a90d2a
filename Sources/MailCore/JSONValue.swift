/// A JSON value as the shop sends it (template variables, API bodies), decoded without
/// Foundation's loosely typed `Any`.
public enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

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
