import struct Foundation.Data

/// RFC 2047 encoded-words in Base64 (`=?UTF-8?B?0JfQsNC60LDQtw==?=`), the form a header
/// gives non-ASCII text and text that only looks like an encoded-word.
///
/// Each word carries whole UTF-8 characters, so it decodes to valid UTF-8 on its own; a
/// grapheme cluster (an emoji with its modifiers, a letter with its accents) stays in one
/// word unless it alone is longer than a word can carry.
enum EncodedWord {
    /// The longest encoded-word RFC 2047 §2 allows.
    static let maxLength = 75
    private static let prefix = "=?UTF-8?B?"
    private static let suffix = "?="

    /// The most UTF-8 bytes a word of at most `length` characters carries.
    static func capacity(forLength length: Int) -> Int {
        max(0, (min(length, maxLength) - prefix.utf8.count - suffix.utf8.count) / 4 * 3)
    }

    /// The largest capacity of one word: 45 bytes.
    static var maxCapacity: Int { capacity(forLength: maxLength) }

    /// One word carrying `bytes`.
    static func encode(_ bytes: [UInt8]) -> String {
        prefix + Data(bytes).base64EncodedString() + suffix
    }

    /// `text` cut into the pieces a word boundary may fall between: each grapheme cluster's
    /// UTF-8, or, for a cluster longer than one word can carry, each of its scalars' UTF-8.
    static func pieces(of text: String) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if bytes.count <= maxCapacity {
                pieces.append(bytes)
            } else {
                pieces.append(contentsOf: character.unicodeScalars.map { Array(String($0).utf8) })
            }
        }
        return pieces
    }
}
