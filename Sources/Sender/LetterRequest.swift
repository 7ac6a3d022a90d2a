public import MailCore

/// A letter the shop asks for: by event (`POST /api/v1/messages`, `mailrobot-send enqueue
/// --event`) or ready-made (`mailrobot-send enqueue --subject --text`). Every field is untrusted
/// until `Enqueuer` has checked it.
public struct LetterRequest: Sendable {
    public var event: String?
    public var to: String
    public var toName: String = ""
    /// Template variables (a JSON object).
    public var data: JSONValue = .object([:])
    /// Overrides the event's priority flag when given.
    public var priority: Bool?
    /// A profile's name; default: the event's profile, else the default profile.
    public var profile: String?
    public var idempotencyKey: String?
    /// A ready letter instead of an event.
    public var subject: String?
    public var text: String?
    public var html: String?

    public init(event: String? = nil, to: String) {
        self.event = event
        self.to = to
    }
}

/// Why a request was refused, naming the field (`to`, `data.order_number` …).
public struct EnqueueRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    /// The message in English (the CLI's and, by default, the API's).
    public var message: String { text.en }
    /// The message in each language: the API answers in Russian to `Accept-Language: ru`.
    public let text: LocalizedText

    public init(field: String, text: LocalizedText) {
        self.field = field
        self.text = text
    }

    public var description: String { "\(field): \(message)" }
}

/// What became of an accepted request.
public enum EnqueueResult: Sendable, Equatable {
    /// A new letter is in the queue (committed).
    case queued(id: Int64)
    /// The idempotency key was used before: this is that letter.
    case repeated(id: Int64)
    /// The event is disabled: nothing was queued.
    case skipped
}
