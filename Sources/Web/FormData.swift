/// Fields of an `application/x-www-form-urlencoded` body or a query string.
///
/// Parsing is strict: bad percent-encoding or bytes that are not UTF-8 make the whole input
/// invalid (`FormData.Problem`), because a half-understood form must not be acted on.
public struct FormData: Sendable, Equatable {
    private var fields: [(name: String, value: String)] = []

    public static func == (lhs: FormData, rhs: FormData) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Why a body or query string was refused.
    public enum Problem: Error, Sendable, Equatable {
        case badPercentEncoding
        case invalidUTF8
        case tooManyFields
    }

    /// More fields than any page of the panel posts is an attack or a bug.
    public static let maxFields = 1_000

    public init() {}

    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { (name: $0.0, value: $0.1) }
    }

    /// Parses `a=1&b=%D0%AF+x` (as bytes, so invalid UTF-8 is caught after decoding).
    public init(urlEncoded bytes: some Collection<UInt8>) throws(Problem) {
        var pairs: [(name: String, value: String)] = []
        for part in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            guard pairs.count < Self.maxFields else { throw .tooManyFields }
            let equals = part.firstIndex(of: UInt8(ascii: "="))
            let name = try Self.decode(part[part.startIndex..<(equals ?? part.endIndex)])
            var value = ""
            if let equals { value = try Self.decode(part[part.index(after: equals)...]) }
            pairs.append((name, value))
        }
        fields = pairs
    }

    /// The first value of `name`, if present.
    public subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Every value of `name` (repeated fields, checkboxes).
    public func all(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// True when the field is present, whatever its value (a submit button's name).
    public func has(_ name: String) -> Bool {
        fields.contains { $0.name == name }
    }

    private static func decode(_ bytes: some Collection<UInt8>) throws(Problem) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                output.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw .badPercentEncoding
                }
                output.append(high << 4 | low)
            default:
                output.append(byte)
            }
        }
        guard let text = String(validating: output, as: UTF8.self) else { throw .invalidUTF8 }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
