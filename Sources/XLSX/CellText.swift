/// How a text reaches a cell intact: Excel's escapes, its length limit, and its display width.
///
/// A cell's XML text is decoded by Excel (and LibreOffice): `_xHHHH_` stands for the character
/// U+HHHH. libxlsxwriter 1.1.4 writes U+0001…U+0008, U+000B, U+000C, U+000D and U+000E…U+001F as
/// such escapes itself (tab and line feed stay as they are), but it leaves three things to us:
/// U+0000 would end the C string, U+FFFE and U+FFFF make the XML unreadable, and a literal
/// `_x0041_` typed by a user would come back as «A». So the first three become `_x0000_`,
/// `_xFFFE_`, `_xFFFF_`, and a literal escape gets its underscore escaped (`_x005F_x0041_`), as
/// Excel itself and Python's XlsxWriter write them.
enum CellText {
    /// Excel's limit for one cell, in characters (UTF-16 units).
    static let limit = 32_767
    /// Ends a text that was cut to fit `limit`.
    static let cutMarker = "… [обрезано]"

    /// `text` escaped for libxlsxwriter and, when the result would pass `limit`, cut on a character
    /// boundary with `cutMarker` at the end. The result is at most `limit` UTF-16 units, which keeps
    /// both Excel's limit (counted on the decoded text) and libxlsxwriter's (on code points).
    static func encode(_ text: String) -> String {
        let escaped = escape(text)
        if escaped.utf16.count <= limit { return escaped }
        // Escapes make the encoded text longer than the text itself: shrink the budget by what
        // overflowed until the cut text fits. The budget falls on every pass, so this ends.
        var budget = limit - cutMarker.utf16.count
        while true {
            let candidate = escape(String(prefix(of: text, utf16Units: budget))) + cutMarker
            let excess = candidate.utf16.count - limit
            if excess <= 0 { return candidate }
            budget = max(0, budget - excess)
        }
    }

    /// `text` with U+0000, U+FFFE, U+FFFF and literal `_xHHHH_` sequences escaped.
    static func escape(_ text: String) -> String {
        // Fast path: the characters that need work are `_` and, in UTF-8, 0x00 and the 0xEF lead
        // byte of U+FFFE/U+FFFF.
        guard text.utf8.contains(where: { $0 == 0x5F || $0 == 0 || $0 == 0xEF }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        for index in scalars.indices {
            let scalar = scalars[index]
            switch scalar.value {
            case 0: result.append(contentsOf: "_x0000_".unicodeScalars)
            case 0xFFFE: result.append(contentsOf: "_xFFFE_".unicodeScalars)
            case 0xFFFF: result.append(contentsOf: "_xFFFF_".unicodeScalars)
            case 0x5F where isEscape(scalars, at: index):
                result.append(contentsOf: "_x005F".unicodeScalars)
                result.append(scalar)
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// How wide `text` shows in columns of «0»: one per character, two for East Asian wide
    /// characters and emoji; counting stops at `cap`.
    static func displayWidth(_ text: String, cap: Int) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            width += columns(scalar)
            if width >= cap { return cap }
        }
        return width
    }

    /// Whether `_xHHHH_` starts at `index`.
    private static func isEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" else { return false }
        return scalars[(index + 2)...(index + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// The longest prefix of `text` that ends on a character boundary and has at most `units` UTF-16 units.
    private static func prefix(of text: String, utf16Units units: Int) -> Substring {
        var count = 0
        var end = text.startIndex
        for index in text.indices {
            count += text[index].utf16.count
            if count > units { break }
            end = text.index(after: index)
        }
        return text[..<end]
    }

    /// The columns one scalar takes: none for a combining mark, a joiner or a variation selector,
    /// two for East Asian wide characters and emoji, one otherwise. Scanning scalars rather than
    /// characters keeps Latin and Cyrillic text free of grapheme breaking and property lookups.
    private static func columns(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case ..<0x0300: return 1
        case 0x0300...0x036F, 0x0483...0x0489, 0x200B...0x200D, 0xFE00...0xFE0F, 0xE0100...0xE01EF: return 0
        case ..<0x1100: return 1
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        case ..<0x231A: return 1
        default: return scalar.properties.isEmojiPresentation ? 2 : 1
        }
    }
}
