/// The API code of an event (`order_placed`): lower-case latin letters, digits and `_`,
/// 1–64 characters (DESIGN.md §3). Codes appear in URLs and in the shop's requests.
public enum EventCode {
    public static let maxLength = 64

    public static func isValid(_ code: some StringProtocol) -> Bool {
        !code.isEmpty && code.utf8.count <= maxLength
            && code.utf8.allSatisfy {
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                    || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_")
            }
    }
}
