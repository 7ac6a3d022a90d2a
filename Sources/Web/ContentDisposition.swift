/// `Content-Disposition: attachment` with a Russian file name: RFC 6266 with the UTF-8 name in
/// `filename*` (RFC 5987) and a transliterated ASCII `filename` for old clients.
enum ContentDisposition {
    static func attachment(fileName: String) -> String {
        "attachment; filename=\"\(asciiFallback(fileName))\"; filename*=UTF-8''\(PercentEncoding.encodeQueryValue(fileName))"
    }

    /// The name in Latin letters, with anything else that is not safe in a quoted string as `_`.
    static func asciiFallback(_ name: String) -> String {
        var output = ""
        for character in name {
            if let latin = transliteration[Character(character.lowercased())] {
                output += character.isUppercase ? latin.prefix(1).uppercased() + latin.dropFirst() : latin
            } else if character.isASCII, let scalar = character.unicodeScalars.first, scalar.value >= 0x20,
                scalar.value < 0x7F, character != "\"", character != "\\", character != "%"
            {
                output.append(character)
            } else {
                output += "_"
            }
        }
        return output
    }

    private static let transliteration: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
        "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
        "э": "e", "ю": "yu", "я": "ya",
    ]
}
