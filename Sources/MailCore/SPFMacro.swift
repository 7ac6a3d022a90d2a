/// The macro language of SPF names (RFC 7208 §7): only checked for syntax here; a name that
/// uses macros is not expanded, so the check says it cannot judge what it covers.
enum SPFMacro {
    /// Whether `text` is a valid `macro-string`: visible ASCII, each `%` starting `%%`, `%_`,
    /// `%-` or `%{letter digits [r] delimiters}`.
    static func isValid(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            guard (0x21...0x7E).contains(byte) else { return false }
            guard byte == UInt8(ascii: "%") else { continue }
            guard let next = bytes.popFirst() else { return false }
            switch next {
            case UInt8(ascii: "%"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                continue
            case UInt8(ascii: "{"):
                guard let close = bytes.firstIndex(of: UInt8(ascii: "}")),
                    isExpansion(bytes[bytes.startIndex..<close])
                else { return false }
                bytes = bytes[(close + 1)...]
            default:
                return false
            }
        }
        return true
    }

    /// `macro-letter transformers *delimiter`, between the braces.
    private static func isExpansion(_ body: ArraySlice<UInt8>) -> Bool {
        var body = body
        guard let letter = body.popFirst(), "slodiphcrtv".utf8.contains(letter | 0x20) else { return false }
        while let digit = body.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) { body.removeFirst() }
        if let reverse = body.first, reverse | 0x20 == UInt8(ascii: "r") { body.removeFirst() }
        return body.allSatisfy { ".-+,/_=".utf8.contains($0) }
    }
}
