public import MailCore

/// Carries letters to the mail host with libcurl's SMTP client: implicit TLS (`smtps://`),
/// STARTTLS that is required (never skipped), or plain SMTP, with the peer's certificate and
/// host name always verified.
///
/// Each session owns one libcurl handle, so its letters share one connection (libcurl keeps it
/// open between transfers and says QUIT when the session closes); a letter after a failure that
/// killed the connection reconnects by itself.
public struct CurlSMTPTransport: MailTransport {
    /// The limits that keep a silent or slow server from holding a run.
    public let timeouts: Timeouts
    /// The extra CA certificates, when a CA file was given; nil means libcurl's default (the
    /// system store) alone.
    private let extraCertificates: [UInt8]?

    /// - Parameters:
    ///   - caFile: a PEM bundle of extra CA certificates (`MAILROBOT_CA_FILE`, `--ca-file`),
    ///     trusted in addition to the system store.
    ///   - timeouts: connect, reply and per-letter limits.
    /// - Throws: `CAFileError` when `caFile` cannot be read or holds no certificate.
    public init(caFile: String? = nil, timeouts: Timeouts = Timeouts()) throws(CAFileError) {
        self.timeouts = timeouts
        extraCertificates = try caFile.map { path throws(CAFileError) in try CABundle.extraCertificates(at: path) }
    }

    /// A session of `account`'s letters. Nothing is loaded, read or connected before this: an
    /// idle run never starts libcurl, OpenSSL or the CA bundle.
    public func openSession(_ account: SMTPAccount) -> any MailSession {
        CurlSMTPSession(
            account: account,
            timeouts: timeouts,
            trustedCertificates: extraCertificates.map(CABundle.systemStore(adding:))
        )
    }
}
