/// What a page shows for how an attempt ended: a real SMTP reply, under «Ответ сервера», or the
/// program's own words, under «Ошибка», in the panel's language.
///
/// Made from a live `SMTPFailure` (`failure.outcomeText`) or from the text the journal recorded
/// (`OutcomeText(recorded:)`: `letters.last_reply`, `attempts.reply`, a profile's last failure).
public enum OutcomeText: Sendable, Equatable {
    /// The server said this.
    case serverReply(SMTPReply)
    /// The server said nothing: DNS, the network or TLS failed.
    case problem(LocalProblem)
    /// The program stopped the attempt (`detail`: what it said, may be empty).
    case note(ProgramNote, detail: String)
    /// A text recorded by an older version, or by hand: shown as it is.
    case verbatim(String)

    public static let serverReplyLabel = LocalizedText(ru: "Ответ сервера", en: "Server reply")
    public static let errorLabel = LocalizedText(ru: "Ошибка", en: "Error")

    /// True for a real SMTP reply.
    public var isServerReply: Bool {
        if case .serverReply = self { return true }
        return false
    }

    /// «Ответ сервера» for a server's reply, «Ошибка» for anything else.
    public var label: LocalizedText {
        isServerReply ? Self.serverReplyLabel : Self.errorLabel
    }

    /// The reply as the server wrote it, or the words in `language`.
    public func text(_ language: Language) -> String {
        switch self {
        case .serverReply(let reply): reply.description
        case .problem(let problem): problem.text(language)
        case .note(let note, let detail): note.text(language) + (detail.isEmpty ? "" : ": " + detail)
        case .verbatim(let text): text
        }
    }

    /// Reads a recorded text back: a failure's `description` (`dns: Could not resolve host: x`,
    /// `recipient: 550 5.1.1 unknown`), a note of the program (`check interrupted`), a sent
    /// letter's reply (`250 2.0.0 Ok`), or anything else verbatim.
    public init(recorded text: String) {
        if let failure = SMTPFailure(recorded: text) {
            self = failure.outcomeText
        } else if let (note, detail) = ProgramNote.read(text) {
            self = .note(note, detail: detail)
        } else if let reply = SMTPReply(parsing: text) {
            self = .serverReply(reply)
        } else {
            self = .verbatim(text)
        }
    }
}

extension SMTPFailure {
    /// The detail of a `.dns` failure for a host and port that cannot make a URL at all.
    public static let badAddressDetail = "not a valid host name and port"

    /// What a page shows for this failure: the server's reply when there was one, else the
    /// problem in words (libcurl's English stays in the dialogue).
    public var outcomeText: OutcomeText {
        if let reply { return .serverReply(reply) }
        switch self {
        case .dns(let detail): return .problem(.dns(detail))
        case .connect(let detail): return .problem(.connect(detail))
        case .tls(let detail):
            // A refused STARTTLS is recorded as the server's reply.
            if let reply = SMTPReply(parsing: detail) { return .serverReply(reply) }
            return .problem(.tls(TLSProblem(detail: detail)))
        case .timeout(_, let seconds): return .problem(.noAnswer(seconds: seconds))
        case .auth: return .problem(.loginRefused)
        case .connectionLost: return .problem(.connectionLost)
        case .senderRefused(let reply), .recipientRefused(let reply), .dataRefused(let reply):
            return .serverReply(reply)
        case .addressNotAllowed(let address, let scope):
            return .problem(.privateHostNotAllowed(address: address, scope: scope))
        case .clearTextLoginNotAllowed:
            return .problem(.clearTextLoginNotAllowed)
        }
    }

    /// What happened, in `language`: the server's reply, or the problem in words.
    public func summary(_ language: Language) -> String {
        outcomeText.text(language)
    }
}
