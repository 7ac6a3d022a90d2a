/// RFC 5322 §3.2.3 dot-atoms: runs of `atext` separated by single dots, as in the local part of
/// an address and both halves of a Message-ID.
enum DotAtom {
    /// The printable characters `atext` allows besides letters and digits.
    static let specials = Set("!#$%&'*+-/=?^_`{|}~".utf8)

    /// `atext` by byte value: a table, as every address and Message-ID of every letter sent is
    /// checked here.
    private static let atext: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        let isAlphanumeric =
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
        return isAlphanumeric || specials.contains(byte)
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
            guard atext[Int(byte)], excluded.isEmpty || !excluded.contains(byte) else { return false }
            previousDot = false
        }
        return !previousDot
    }
}
