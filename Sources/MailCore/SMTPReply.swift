/// A reply from an SMTP server: `550 5.1.1 <x@y>: user unknown`.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    /// The three-digit reply code (RFC 5321 §4.2).
    public var code: Int
    /// The enhanced status code (RFC 3463), such as `5.7.8`, when the server sent one.
    public var enhancedCode: String?
    /// The text after the codes; lines of a multi-line reply joined by a space.
    public var text: String

    public init(code: Int, enhancedCode: String? = nil, text: String) {
        self.code = code
        self.enhancedCode = enhancedCode
        self.text = text
    }

    /// The reply as the server wrote it, on one line.
    public var description: String {
        [String(code), enhancedCode, text.isEmpty ? nil : text].compactMap { $0 }.joined(separator: " ")
    }
}
