/// A host or mail domain name in the ASCII form DNS and SMTP carry.
public struct DomainName: Sendable, Hashable, CustomStringConvertible {
    /// Lower-case ASCII labels joined by dots; IDN labels as `xn--…`.
    public let ascii: String

    public var description: String { ascii }

    /// Parses a domain typed by a person: Cyrillic (IDN) labels become Punycode, a trailing dot
    /// is dropped, case is folded. Returns nil for anything DNS cannot carry.
    public init?(_ text: String, requireDot: Bool = true) {
        if let ascii = Self.plainASCII(text, requireDot: requireDot) {
            self.ascii = ascii
            return
        }
        var text = text.lowercased()
        if text.hasSuffix(".") { text.removeLast() }
        guard !text.isEmpty, text.utf8.count <= 253 * 4 else { return nil }
        var labels: [String] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard let label = DomainName.asciiLabel(String(part)) else { return nil }
            labels.append(label)
        }
        let ascii = labels.joined(separator: ".")
        guard ascii.utf8.count <= 253, !requireDot || labels.count >= 2 else { return nil }
        self.ascii = ascii
    }

    /// `text` itself when it is already the ASCII form (lower-case letters, digits, hyphens, dots;
    /// labels of 1–63 bytes not starting or ending with a hyphen): what the general path below
    /// would return for it, without its copies. Nil for anything else, which that path decides.
    /// Every stored address is read through here, a page of profiles fifty times.
    private static func plainASCII(_ text: String, requireDot: Bool) -> String? {
        var labels = 1
        var labelLength = 0
        var previous: UInt8 = UInt8(ascii: ".")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                labelLength += 1
            case UInt8(ascii: "-"):
                guard previous != UInt8(ascii: ".") else { return nil }
                labelLength += 1
            case UInt8(ascii: "."):
                guard labelLength > 0, previous != UInt8(ascii: "-") else { return nil }
                labels += 1
                labelLength = 0
            default:
                return nil
            }
            guard labelLength <= 63 else { return nil }
            previous = byte
        }
        guard labelLength > 0, previous != UInt8(ascii: "-"), text.utf8.count <= 253, !requireDot || labels >= 2
        else { return nil }
        return text
    }

    private static func asciiLabel(_ label: String) -> String? {
        guard !label.isEmpty else { return nil }
        let isASCII = label.unicodeScalars.allSatisfy(\.isASCII)
        let ascii: String
        if isASCII {
            ascii = label
        } else {
            guard label.unicodeScalars.allSatisfy(isAllowedUnicode), let encoded = Punycode.encode(label) else {
                return nil
            }
            ascii = "xn--" + encoded
        }
        let bytes = Array(ascii.utf8)
        guard bytes.count <= 63, bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else {
            return nil
        }
        let isLDH = bytes.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
        }
        return isLDH ? ascii : nil
    }

    /// Letters and digits of any script may form an IDN label; punctuation, spaces and
    /// control characters may not.
    private static func isAllowedUnicode(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            return (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            || scalar.properties.generalCategory == .nonspacingMark
            || scalar.properties.generalCategory == .spacingMark
    }
}
