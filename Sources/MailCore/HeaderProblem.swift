/// Why text bound for a letter's header was refused.
///
/// The builder refuses such text rather than stripping it: a line break in a name or subject
/// means the input is broken or hostile, and a silently changed header hides that.
public enum HeaderProblem: Error, Sendable, Equatable {
    /// The header-bound field holds a line break or another control character, which would
    /// end the header and start a new one (`Bcc:` injection).
    case controlCharacters(Field)
    /// A stored Message-ID that is not `left@right` made of plain ASCII (no spaces, angle
    /// brackets or `?`).
    case invalidMessageID

    /// The header-bound fields a caller supplies.
    public enum Field: String, Sendable, CaseIterable {
        case displayName
        case subject
        case messageID
    }

    /// What to tell the person who typed the text.
    public var message: LocalizedText {
        switch self {
        case .controlCharacters(.displayName):
            LocalizedText(
                ru: "Имя не должно содержать переводов строки и управляющих символов.",
                en: "The name must not contain line breaks or control characters."
            )
        case .controlCharacters(.subject):
            LocalizedText(
                ru: "Тема письма не должна содержать переводов строки и управляющих символов.",
                en: "The subject must not contain line breaks or control characters."
            )
        case .controlCharacters(.messageID), .invalidMessageID:
            LocalizedText(
                ru: "Message-ID письма повреждён.",
                en: "The letter's Message-ID is damaged."
            )
        }
    }
}
