/// Who is told when a profile fails («Кому сообщать о сбоях»), where alerts are POSTed, and how
/// soon a queue must be able to empty. Stored as the settings `alerts.recipients`,
/// `alerts.webhook` and `alerts.hours`.
public struct AlertSettings: Sendable, Equatable {
    /// The addresses alert letters go to; none: no letters.
    public var recipients: [EmailAddress]
    /// Where alerts are POSTed as JSON; nil: no webhook.
    public var webhook: WebhookURL?
    /// A profile whose queue will not be empty within this many hours is announced as falling
    /// behind (`AlertState.slow`).
    public var hours: Int

    public init(recipients: [EmailAddress] = [], webhook: WebhookURL? = nil, hours: Int = Self.defaultHours) {
        self.recipients = recipients
        self.webhook = webhook
        self.hours = hours
    }

    public static let defaultHours = 6
    /// The hours accepted: the drain estimate looks at most one rolling day ahead.
    public static let hoursRange = 1...24
    /// The most addresses accepted.
    public static let maxRecipients = 20

    /// True when someone is to be told: an address or a webhook is set.
    public var isActive: Bool { !recipients.isEmpty || webhook != nil }

    /// The recipients as the form shows them and the settings store them: comma-separated.
    public var recipientsText: String { recipients.map(\.address).joined(separator: ", ") }

    /// A field of the alert settings that was refused, and why.
    public struct Problem: Error, Sendable, Equatable {
        /// `alert_recipients`, `alert_webhook` or `alert_hours`: the form field.
        public let field: String
        public let message: LocalizedText
    }

    /// The addresses in `text`, separated by commas, semicolons, spaces or line breaks; each is
    /// checked as an envelope address, duplicates are dropped.
    public static func recipients(parsing text: String) throws(Problem) -> [EmailAddress] {
        var addresses: [EmailAddress] = []
        let parts = text.split { $0 == "," || $0 == ";" || $0.isWhitespace }
        for part in parts {
            do {
                let address = try EmailAddress(parsing: String(part))
                if !addresses.contains(address) { addresses.append(address) }
            } catch {
                let shown = String(part.prefix(100))
                throw Problem(
                    field: "alert_recipients",
                    message: LocalizedText(ru: "«\(shown)»: \(error.message.ru)", en: "“\(shown)”: \(error.message.en)")
                )
            }
        }
        guard addresses.count <= maxRecipients else {
            throw Problem(
                field: "alert_recipients",
                message: LocalizedText(
                    ru: "Не больше \(maxRecipients) адресов.",
                    en: "No more than \(maxRecipients) addresses."
                )
            )
        }
        return addresses
    }

    /// The webhook in `text`; nil for an empty field.
    public static func webhook(parsing text: String) throws(Problem) -> WebhookURL? {
        guard text.contains(where: { !$0.isWhitespace }) else { return nil }
        do {
            return try WebhookURL(parsing: text)
        } catch {
            throw Problem(field: "alert_webhook", message: error.message)
        }
    }

    /// The hours in `text`: a whole number in `hoursRange`.
    public static func hours(parsing text: String) throws(Problem) -> Int {
        guard let hours = Int(text.filter { !$0.isWhitespace }), hoursRange.contains(hours) else {
            throw Problem(
                field: "alert_hours",
                message: LocalizedText(
                    ru: "Целое число часов от \(hoursRange.lowerBound) до \(hoursRange.upperBound).",
                    en: "A whole number of hours from \(hoursRange.lowerBound) to \(hoursRange.upperBound)."
                )
            )
        }
        return hours
    }
}
