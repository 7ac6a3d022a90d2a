/// Percent-encoding for values placed in URLs the panel builds.
enum PercentEncoding {
    /// Encodes everything but unreserved characters (RFC 3986 §2.3).
    static func encodeQueryValue(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }

    /// A local path to return to after login or a language switch; anything else becomes `/profiles`.
    /// Only `/x…` paths of this site are allowed: never `//host` or a scheme (open redirect).
    static func safeLocalPath(_ candidate: String?) -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.hasPrefix("/\\"),
            candidate.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }), candidate.count <= 512
        else { return Path.overview.link() }
        return candidate
    }
}
