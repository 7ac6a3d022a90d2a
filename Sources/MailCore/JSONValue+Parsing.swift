extension JSONValue {
    /// Why a text is not JSON.
    public enum ParseError: Error, Sendable, Equatable {
        /// Not JSON at `offset` (bytes from the start).
        case invalid(offset: Int)
        /// Arrays and objects nested deeper than `JSONValue.maxDepth`.
        case tooDeep
    }

    /// The deepest nesting accepted: enough for any shop's order, far from exhausting a thread's stack.
    public static let maxDepth = 64

    /// Parses JSON text (RFC 8259): one value, surrounded by optional white space. Strings must
    /// be valid UTF-8; numbers without a fraction or exponent that fit become `.integer`.
    public init(parsing bytes: some Collection<UInt8>) throws(ParseError) {
        var parser = JSONParser(Array(bytes))
        self = try parser.document()
    }
}

/// A small strict JSON parser: the API's bodies and template variables are untrusted, so it
/// bounds nesting (no stack overflow from `[[[[…`) and refuses anything RFC 8259 does not allow.
private struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func document() throws(JSONValue.ParseError) -> JSONValue {
        let value = try value(depth: 0)
        skipSpace()
        guard index == bytes.count else { throw .invalid(offset: index) }
        return value
    }

    private mutating func value(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
        skipSpace()
        guard index < bytes.count else { throw .invalid(offset: index) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try number()
        }
    }

    private mutating func object(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
        guard depth <= JSONValue.maxDepth else { throw .tooDeep }
        index += 1
        var fields: [String: JSONValue] = [:]
        skipSpace()
        if consume(UInt8(ascii: "}")) { return .object(fields) }
        while true {
            skipSpace()
            guard peek(UInt8(ascii: "\"")) else { throw .invalid(offset: index) }
            let key = try string()
            skipSpace()
            try expect(UInt8(ascii: ":"))
            fields[key] = try value(depth: depth)
            skipSpace()
            if consume(UInt8(ascii: "}")) { return .object(fields) }
            try expect(UInt8(ascii: ","))
        }
    }

    private mutating func array(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
        guard depth <= JSONValue.maxDepth else { throw .tooDeep }
        index += 1
        var values: [JSONValue] = []
        skipSpace()
        if consume(UInt8(ascii: "]")) { return .array(values) }
        while true {
            values.append(try value(depth: depth))
            skipSpace()
            if consume(UInt8(ascii: "]")) { return .array(values) }
            try expect(UInt8(ascii: ","))
        }
    }

    private mutating func string() throws(JSONValue.ParseError) -> String {
        let start = index
        index += 1
        var output: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: output, as: UTF8.self) else { throw .invalid(offset: start) }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &output)
            case ..<0x20:
                throw .invalid(offset: index - 1)
            default:
                output.append(byte)
            }
        }
        throw .invalid(offset: start)
    }

    private mutating func escape(into output: inout [UInt8]) throws(JSONValue.ParseError) {
        guard index < bytes.count else { throw .invalid(offset: index) }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard peek(UInt8(ascii: "\\")), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw .invalid(offset: index)
                }
                index += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw .invalid(offset: index) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw .invalid(offset: index) }
            output.append(contentsOf: Array(String(unicode).utf8))
        default:
            throw .invalid(offset: index - 1)
        }
    }

    private mutating func hex4() throws(JSONValue.ParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw .invalid(offset: index) }
        var value: UInt32 = 0
        for byte in bytes[index..<(index + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .invalid(offset: index)
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    private mutating func number() throws(JSONValue.ParseError) -> JSONValue {
        let start = index
        if peek(UInt8(ascii: "-")) { index += 1 }
        guard try digits(allowLeadingZero: false) else { throw .invalid(offset: start) }
        var isInteger = true
        if peek(UInt8(ascii: ".")) {
            index += 1
            isInteger = false
            guard try digits(allowLeadingZero: true) else { throw .invalid(offset: index) }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            index += 1
            isInteger = false
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard try digits(allowLeadingZero: true) else { throw .invalid(offset: index) }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let integer = Int64(text) { return .integer(integer) }
        guard let number = Double(text), number.isFinite else { throw .invalid(offset: start) }
        return .number(number)
    }

    /// Reads a run of digits; a leading zero may not be followed by more digits unless allowed.
    private mutating func digits(allowLeadingZero: Bool) throws(JSONValue.ParseError) -> Bool {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        if !allowLeadingZero, index - start > 1, bytes[start] == UInt8(ascii: "0") { throw .invalid(offset: start) }
        return index > start
    }

    private mutating func literal(_ word: String, _ value: JSONValue) throws(JSONValue.ParseError) -> JSONValue {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count, Array(bytes[index..<(index + expected.count)]) == expected else {
            throw .invalid(offset: index)
        }
        index += expected.count
        return value
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func peek(_ byte: UInt8) -> Bool {
        index < bytes.count && bytes[index] == byte
    }

    private mutating func expect(_ byte: UInt8) throws(JSONValue.ParseError) {
        guard consume(byte) else { throw .invalid(offset: index) }
    }

    /// Steps over `byte` if it is next.
    private mutating func consume(_ byte: UInt8) -> Bool {
        guard peek(byte) else { return false }
        index += 1
        return true
    }
}
