/// One finding of «Проверка домена»: what the sender's domain publishes in DNS about one topic,
/// how it bears on delivery, and what to add at the DNS host.
public struct DomainFinding: Sendable, Equatable {
    /// What the finding is about.
    public enum Topic: String, Sendable {
        /// The SPF record itself: present, valid, within the limits.
        case spf
        /// Whether the SPF record lets the profile's SMTP server send for the domain.
        case spfServer
        case dkim
        case dmarc
        /// The sender address is on a mail service's own domain (mail.ru, gmail.com…).
        case mailboxDomain

        /// The heading shown before the finding.
        public var title: LocalizedText {
            switch self {
            case .spf: LocalizedText(ru: "SPF", en: "SPF")
            case .spfServer: LocalizedText(ru: "SPF и SMTP-сервер", en: "SPF and the SMTP server")
            case .dkim: LocalizedText(ru: "DKIM", en: "DKIM")
            case .dmarc: LocalizedText(ru: "DMARC", en: "DMARC")
            case .mailboxDomain: LocalizedText(ru: "Домен адреса", en: "The address's domain")
            }
        }
    }

    /// How the finding bears on delivery.
    public enum Level: String, Sendable {
        case ok
        /// Letters go, but some receivers will trust them less.
        case warning
        /// Letters are likely to land in spam or be refused.
        case problem
        /// DNS gave no answer (or the check cannot judge the record): not an error of the domain.
        case notChecked

        public var label: LocalizedText {
            switch self {
            case .ok: LocalizedText(ru: "в порядке", en: "ok")
            case .warning: LocalizedText(ru: "предупреждение", en: "warning")
            case .problem: LocalizedText(ru: "проблема", en: "problem")
            case .notChecked: LocalizedText(ru: "не удалось проверить", en: "could not check")
            }
        }

    }

    public let topic: Topic
    public let level: Level
    /// What was found and what to do, in a sentence or three.
    public let text: LocalizedText
    /// The record as published, when there is one worth showing.
    public let record: String?
    /// The TXT record to publish (or to replace the current one with), when the check can write it.
    public let fix: DNSRecordFix?

    public init(
        _ topic: Topic,
        _ level: Level,
        _ text: LocalizedText,
        record: String? = nil,
        fix: DNSRecordFix? = nil
    ) {
        self.topic = topic
        self.level = level
        self.text = text
        self.record = record
        self.fix = fix
    }
}

/// A TXT record for the admin to publish at the DNS host of the domain.
public struct DNSRecordFix: Sendable, Equatable {
    /// The full name (`_dmarc.shop.ru`); DNS panels often want only the part before the domain.
    public let name: DNSName
    /// The part of `name` before the domain as DNS panels ask for it: `@` for the domain itself.
    public let host: String
    public let value: String

    init(name: DNSName, domain: DNSName, value: String) {
        self.name = name
        self.host = name == domain ? "@" : String(name.text.dropLast(domain.text.count + 1))
        self.value = value
    }
}
