/// Why the program, not the server, ended an attempt: recorded in the journal in English (the
/// `recorded` text, then `: detail` when there is one) and shown in the panel's language.
public enum ProgramNote: String, Sendable, CaseIterable {
    /// A «Проверка профиля» stopped before its letter's outcome was known.
    case checkInterrupted = "check interrupted"
    /// A run ended (was killed) before the server answered; the letter is taken back.
    case runEnded = "run ended before the server answered"
    /// The letter cannot be put into MIME (a stored address or text no longer valid).
    case letterUnwritable = "the letter cannot be written"

    /// The journal's text for this note with `detail`.
    public func recorded(_ detail: String = "") -> String {
        detail.isEmpty ? rawValue : "\(rawValue): \(detail)"
    }

    public var text: LocalizedText {
        switch self {
        case .checkInterrupted:
            LocalizedText(ru: "проверка прервана", en: "check interrupted")
        case .runEnded:
            LocalizedText(ru: "запуск прервался до ответа сервера", en: "the run ended before the server answered")
        case .letterUnwritable:
            LocalizedText(ru: "письмо не удалось собрать", en: "the letter cannot be written")
        }
    }

    /// The note and its detail in a recorded text, if it is one.
    static func read(_ text: String) -> (ProgramNote, detail: String)? {
        for note in allCases {
            if text == note.rawValue { return (note, "") }
            if text.hasPrefix(note.rawValue + ": ") { return (note, String(text.dropFirst(note.rawValue.count + 2))) }
        }
        return nil
    }
}
