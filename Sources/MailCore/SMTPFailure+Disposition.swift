extension SMTPFailure {
    /// The rule of the decision table that decides this failure (for logs and the journal:
    /// why a letter was retried, failed or its profile paused).
    public var dispositionRule: SMTPDispositionRule {
        let reply = self.reply.map(ReplyWording.init)
        return SMTPDispositionRule.allCases.first { $0.applies(to: self, reading: reply) } ?? .otherwise
    }

    /// What the sender does about this failure: retry, fail the letter, mark the profile
    /// broken, or pause the profile. See `SMTPDispositionRule` for the table.
    public var disposition: SMTPDisposition {
        dispositionRule.disposition(reading: reply.map(ReplyWording.init))
    }
}
