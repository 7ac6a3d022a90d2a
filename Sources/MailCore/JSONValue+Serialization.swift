import Foundation

extension JSONValue {
    /// Compact JSON with sorted keys; strings escaped per RFC 8259 (and `<` as `\u003c`, so
    /// the text is also safe inside HTML).
    public var serialized: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .number(let number): return number.isFinite ? String(number) : "null"
        case .string(let text): return Self.quote(text)
        case .array(let values): return "[" + values.map(\.serialized).joined(separator: ",") + "]"
        case .object(let fields):
            return "{"
                + fields.keys.sorted().map { Self.quote($0) + ":" + fields[$0]!.serialized }.joined(separator: ",")
                + "}"
        }
    }

    /// Indented JSON with sorted keys, for people to read and edit (an event's sample data).
    /// `<` stays as written: the text is shown, not embedded in a page's markup.
    public var formatted: String { formatted(indent: "") }

    private func formatted(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .string(let text):
            return Self.quote(text, htmlSafe: false)
        case .array(let values) where !values.isEmpty:
            let items = values.map { inner + $0.formatted(indent: inner) }
            return "[\n" + items.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let fields) where !fields.isEmpty:
            let members = fields.keys.sorted().map { key in
                inner + Self.quote(key, htmlSafe: false) + ": " + fields[key]!.formatted(indent: inner)
            }
            return "{\n" + members.joined(separator: ",\n") + "\n" + indent + "}"
        default:
            return serialized
        }
    }

    private static func quote(_ text: String, htmlSafe: Bool = true) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<" where htmlSafe: output += "\\u003c"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    output += String(format: "\\u%04x", scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}
