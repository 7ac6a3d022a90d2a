/// The fields of the profile form, named as the form posts them.
public enum ProfileField: String, CaseIterable, Sendable {
    case name
    case host
    case port
    case security
    case senderName = "sender_name"
    case senderEmail = "sender_email"
    case login
    case password
    /// A checkbox: «Разрешить пароль без шифрования».
    case allowPlainAuth = "allow_plain_auth"
    /// A checkbox: the mail host may be on a loopback, link-local or private network.
    case allowPrivateHost = "allow_private_host"
    case maxPerDay = "max_per_day"
    case intervalMinutes = "interval_minutes"
    case batchSize = "batch_size"
    case priorityPerDay = "priority_per_day"
    /// A select: «Резервный профиль», a profile's id or empty for «нет».
    case reserve = "reserve_profile"
}

/// Messages that belong next to form fields, at most one per field.
public struct FieldErrors<Field: Hashable & Sendable>: Error, Sendable, Equatable {
    public private(set) var messages: [Field: LocalizedText] = [:]

    public init() {}

    public var isEmpty: Bool { messages.isEmpty }

    public subscript(field: Field) -> LocalizedText? { messages[field] }

    /// Records `message` for `field` unless the field already has one (the first problem wins).
    public mutating func add(_ field: Field, _ message: LocalizedText) {
        if messages[field] == nil { messages[field] = message }
    }
}
