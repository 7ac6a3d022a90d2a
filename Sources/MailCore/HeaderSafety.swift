/// Checks for text bound for a mail header, an SMTP command or an auth exchange.
public enum HeaderSafety {
    /// True when `text` holds a line break or any other control character (tab excepted),
    /// which must never reach a header: CR and LF would start a new header or command.
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }

    /// `text` with each character `hasControlCharacters` looks for replaced by a space.
    public static func replacingControlCharacters(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(isControl(scalar) ? " " : scalar) }
        return String(scalars)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
            || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}"
    }
}
