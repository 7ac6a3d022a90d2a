/// Checks for text bound for a mail header, an SMTP command or an auth exchange.
public enum HeaderSafety {
    /// True when `text` holds a line break or any other control character (tab excepted),
    /// which must never reach a header: CR and LF would start a new header or command.
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
                || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}"
        }
    }
}
