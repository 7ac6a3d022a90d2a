/// An address with the name a mail program shows next to it: `"Интернет-магазин" <shop@example.ru>`.
public struct Mailbox: Sendable, Hashable {
    /// Any Unicode text without control characters; empty for a bare address.
    public let displayName: String
    public let address: EmailAddress

    /// Refuses a display name with a line break or another control character, which could
    /// otherwise end the `From:`/`To:` header and start a forged one.
    public init(displayName: String, address: EmailAddress) throws(HeaderProblem) {
        guard !HeaderSafety.hasControlCharacters(displayName) else { throw .controlCharacters(.displayName) }
        self.displayName = displayName
        self.address = address
    }
}
