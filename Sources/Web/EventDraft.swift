import Foundation
import MailCore
import Storage

/// The fields of the event pages.
enum EventField: String, CaseIterable {
    case code
    case name
    case profile
    case subject
    case html
    case text
    case sample

    /// The field's label on the event pages.
    var label: TextKey {
        switch self {
        case .code: .eventFieldCode
        case .name: .eventFieldName
        case .profile: .eventFieldProfile
        case .subject: .eventFieldSubject
        case .html: .eventFieldHtml
        case .text: .eventFieldText
        case .sample: .eventFieldSample
        }
    }

    /// The field's help on an event's page (the code is only typed on «Добавить событие»).
    var help: TextKey {
        switch self {
        case .code: .eventHelpNewCode
        case .name: .eventHelpName
        case .profile: .eventHelpProfile
        case .subject: .eventHelpSubject
        case .html: .eventHelpHtml
        case .text: .eventHelpText
        case .sample: .eventHelpSample
        }
    }
}

/// What the admin typed on an event's page, before it is checked. Line breaks are stored as
/// LF (browsers post CRLF from a textarea), so line numbers and letters stay the same.
struct EventDraft {
    var name = ""
    var isEnabled = true
    /// A profile id, or empty for the default profile.
    var profile = ""
    var isPriority = false
    var subject = ""
    var html = ""
    var text = ""
    var sample = "{}"

    /// Longest name of an event.
    static let maxNameLength = 200
    /// Longest template or sample, in characters.
    static let maxTemplateLength = 200_000

    init(_ event: StoredEvent, language: Language) {
        name = event.displayName(language)
        isEnabled = event.isEnabled
        profile = event.profileID.map(String.init) ?? ""
        isPriority = event.isPriority
        subject = event.subject
        html = event.html
        text = event.text
        sample = event.sample
    }

    init(form: FormData) {
        name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        isEnabled = form["enabled"] == "1"
        profile = form["profile"] ?? ""
        isPriority = form["priority"] == "1"
        subject = Self.unixLines(form["subject"] ?? "")
        html = Self.unixLines(form["html"] ?? "")
        text = Self.unixLines(form["text"] ?? "")
        sample = Self.unixLines(form["sample"] ?? "")
    }

    private static func unixLines(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// The sample variables' names, when the sample is a JSON object.
    var variableNames: [String] {
        Self.parseSample(sample)?.keys.sorted() ?? []
    }

    static func parseSample(_ text: String) -> [String: JSONValue]? {
        (try? JSONValue(parsing: Array(text.utf8)))?.objectValue
    }
}

extension StoredEvent {
    /// The name in the panel's language: the English name where there is one.
    func displayName(_ language: Language) -> String {
        localizedName(name, english: nameEnglish, language)
    }

    /// Sets the name shown in `language` (so an English edit keeps the Russian name).
    mutating func setName(_ text: String, _ language: Language) {
        if language == .en && !nameEnglish.isEmpty { nameEnglish = text } else { name = text }
    }
}

extension EventName {
    /// The name in the panel's language: the English name where there is one.
    func displayName(_ language: Language) -> String {
        localizedName(name, english: nameEnglish, language)
    }
}

/// An event's name in `language`: the English name where there is one.
private func localizedName(_ name: String, english: String, _ language: Language) -> String {
    language == .en && !english.isEmpty ? english : name
}
