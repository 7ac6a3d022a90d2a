/// Row ids as they appear in addresses and query strings: ASCII digits only, no sign, no more
/// than fits an `Int64` (so `1e3`, `+1`, `٣` or a 40-digit number are not ids).
enum RecordID {
    static func parse(_ text: some StringProtocol) -> Int64? {
        guard !text.isEmpty, text.count <= 18, text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int64(text)
    }
}
