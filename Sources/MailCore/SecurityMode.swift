/// How the connection to the mail host is protected (the «SSL» field of a profile).
public enum SecurityMode: String, CaseIterable, Sendable {
    /// Implicit TLS from the first byte (`smtps://`, usually port 465).
    case ssl
    /// Plain connection upgraded with STARTTLS, which is required, never skipped (usually 587).
    case starttls
    /// No encryption at all (usually port 25); only for hosts that offer nothing else.
    case none

    /// The label the form shows.
    public var label: String {
        switch self {
        case .ssl: "SSL/TLS"
        case .starttls: "STARTTLS"
        case .none: "Нет"
        }
    }

    /// The label in a sentence of either language («Нет» is “None” in English).
    public var title: LocalizedText {
        LocalizedText(ru: label, en: self == .none ? "None" : label)
    }

    /// The port a mail program would suggest for this mode.
    public var suggestedPort: Int {
        switch self {
        case .ssl: 465
        case .starttls: 587
        case .none: 25
        }
    }
}
