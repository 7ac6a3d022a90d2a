extension SMTPFailure {
    /// Reads back the `description` the journal recorded (`step: summary`), so a page can show
    /// it in its language long after the attempt. Nil for a text of another shape.
    public init?(recorded text: String) {
        guard let colon = text.range(of: ": "), let step = SMTPStep(rawValue: String(text[..<colon.lowerBound]))
        else { return nil }
        let summary = String(text[colon.upperBound...])
        if summary == "no answer in time" {
            self = .timeout(step: step)
        } else if let seconds = summary.wholeMatch(of: /no answer in (\d{1,9}) s/).flatMap({ Int($0.output.1) }) {
            self = .timeout(step: step, seconds: seconds)
        } else if summary == "connection lost" {
            self = .connectionLost(step: step, reply: nil)
        } else if summary.hasPrefix("connection lost after "),
            let reply = SMTPReply(parsing: String(summary.dropFirst("connection lost after ".count)))
        {
            self = .connectionLost(step: step, reply: reply)
        } else if let failure = Self.refusal(step, summary) {
            self = failure
        } else if let failure = Self.detailed(step, summary) {
            self = failure
        } else {
            return nil
        }
    }

    /// A connection the robot itself did not make (the profile's permissions): its summary read
    /// back by making it again, so the words are written in one place (`summary`).
    private static func refusal(_ step: SMTPStep, _ summary: String) -> SMTPFailure? {
        switch step {
        case .auth where summary == SMTPFailure.clearTextLoginNotAllowed.summary:
            return .clearTextLoginNotAllowed
        case .connect:
            // "not connected: ADDRESS is SCOPE, …": the address is what comes before " is ".
            let lead = "not connected: "
            guard summary.hasPrefix(lead), let gap = summary.range(of: " is ") else { return nil }
            let address = String(summary[summary.index(summary.startIndex, offsetBy: lead.count)..<gap.lowerBound])
            return AddressScope.allCases.lazy.map { SMTPFailure.addressNotAllowed(address: address, scope: $0) }
                .first { $0.summary == summary }
        default:
            return nil
        }
    }

    /// A failure whose summary is libcurl's detail or the server's reply.
    private static func detailed(_ step: SMTPStep, _ summary: String) -> SMTPFailure? {
        switch step {
        case .dns: return .dns(detail: summary)
        case .connect: return .connect(detail: summary)
        case .tls: return .tls(detail: summary)
        case .auth where summary == "login refused": return .auth(reply: nil)
        case .greeting: return nil
        case .auth, .sender, .recipient, .data:
            guard let reply = SMTPReply(parsing: summary) else { return nil }
            switch step {
            case .auth: return .auth(reply: reply)
            case .sender: return .senderRefused(reply: reply)
            case .recipient: return .recipientRefused(reply: reply)
            default: return .dataRefused(reply: reply)
            }
        }
    }
}
