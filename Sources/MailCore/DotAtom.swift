/// RFC 5322 §3.2.3 dot-atoms: runs of `atext` separated by single dots, as in the local part of
/// an address and both halves of a Message-ID.
enum DotAtom {
    /// The printable characters `atext` allows besides letters and digits.
    static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"),
            UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
            UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// True when `text` is a dot-atom whose characters avoid `excluded`.
    static func isValid(_ text: some StringProtocol, excluding excluded: Set<UInt8> = []) -> Bool {
        var previousDot = true
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                if previousDot { return false }
                previousDot = true
                continue
            }
            let isAlphanumeric =
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            guard isAlphanumeric || isSpecial(byte), excluded.isEmpty || !excluded.contains(byte) else { return false }
            previousDot = false
        }
        return !previousDot
    }
}
