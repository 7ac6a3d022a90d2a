/// The languages the panel speaks: Russian first, English second.
public enum Language: String, CaseIterable, Sendable {
    case ru
    case en

    /// The language used when nothing else was chosen.
    public static let fallback = Language.ru
}

/// A message in every language of the panel.
///
/// Domain rules (validation, SMTP hints) say what went wrong in words an admin reads;
/// keeping both languages next to the rule keeps them from drifting apart.
public struct LocalizedText: Sendable, Equatable, CustomStringConvertible {
    public let ru: String
    public let en: String

    public init(ru: String, en: String) {
        self.ru = ru
        self.en = en
    }

    /// The text in `language`.
    public func callAsFunction(_ language: Language) -> String {
        switch language {
        case .ru: ru
        case .en: en
        }
    }

    public var description: String { ru }
}
