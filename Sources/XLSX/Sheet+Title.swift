extension Sheet {
    /// The longest tab name Excel accepts, in UTF-16 units.
    static let titleLimit = 31
    /// The name of a sheet whose title has nothing left after cleaning (Russian Excel's default).
    static let fallbackTitle = "Лист1"
    /// Excel reserves this name for its change history and reports a damaged file if a sheet has it.
    static let reservedTitle = "History"

    /// `title` made acceptable to Excel (and to `workbook_validate_sheet_name`): no `[ ] : * ? / \`,
    /// no control character (an XML attribute cannot carry one), no leading or trailing apostrophe
    /// or space, at most 31 UTF-16 units cut on a character boundary, never empty, never «History».
    var excelTitle: String {
        let forbidden: Set<Unicode.Scalar> = ["[", "]", ":", "*", "?", "/", "\\"]
        var scalars = String.UnicodeScalarView()
        for scalar in title.unicodeScalars
        where !forbidden.contains(scalar) && scalar.properties.generalCategory != .control
            && scalar.value != 0xFFFE && scalar.value != 0xFFFF
        {
            scalars.append(scalar)
        }
        var name = Self.trimmed(String(scalars))
        if name.utf16.count > Self.titleLimit {
            var cut = ""
            for character in name {
                guard cut.utf16.count + character.utf16.count <= Self.titleLimit else { break }
                cut.append(character)
            }
            name = Self.trimmed(cut)
        }
        if name.isEmpty { return Self.fallbackTitle }
        if name.lowercased() == Self.reservedTitle.lowercased() { return name + "_" }
        return name
    }

    private static func trimmed(_ name: String) -> String {
        let edge: (Character) -> Bool = { $0 == "'" || $0.isWhitespace }
        guard let first = name.firstIndex(where: { !edge($0) }), let last = name.lastIndex(where: { !edge($0) }) else {
            return ""
        }
        return String(name[first...last])
    }
}
