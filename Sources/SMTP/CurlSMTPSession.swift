import CCurl
import MailCore

/// One batch of one profile's letters over one libcurl handle, so over one SMTP connection.
///
/// The handle is made by the first letter and kept; libcurl reconnects by itself when a failure
/// closed the connection. `close()` (or the end of the session) says QUIT.
final class CurlSMTPSession: MailSession {
    private let account: SMTPAccount
    /// `url(account)`, nil for a host or port that cannot make one.
    private let url: String?
    private let timeouts: CurlSMTPTransport.Timeouts
    private let trustedCertificates: [UInt8]?
    private let recorder: DialogueRecorder
    private let addressGuard: AddressGuard
    private var easy: CurlEasy?

    init(account: SMTPAccount, timeouts: CurlSMTPTransport.Timeouts, trustedCertificates: [UInt8]?) {
        self.account = account
        url = Self.url(account)
        self.timeouts = timeouts
        self.trustedCertificates = trustedCertificates
        recorder = DialogueRecorder(implicitTLS: account.security == .ssl)
        addressGuard = AddressGuard(allowsPrivate: account.allowPrivateHost, recorder: recorder)
    }

    var transcript: Transcript { recorder.transcript }

    func send(_ letter: OutgoingLetter) -> DeliveryResult {
        if account.sendsLoginInClearText && !account.allowPlainAuth {
            return .failed(.clearTextLoginNotAllowed, dataSent: false)
        }
        let from = Self.envelope(letter.envelopeFrom)
        let to = Self.envelope(letter.recipient)
        guard let url else {
            return .failed(
                .dns(detail: "\(SMTPFailure.badAddressDetail): \(account.host):\(account.port)"),
                dataSent: false
            )
        }
        let recorder = recorder
        let size = letter.message.count
        let upload = Upload(message: letter.message) { recorder.note("(message of \(size) bytes)") }
        recorder.beginLetter()
        addressGuard.beginLetter()
        do throws(CurlSetupError) {
            let easy = try handle(url: url)
            try easy.set(CURLOPT_MAIL_FROM, from)
            try easy.setRecipients([to])
            let (outcome, detail) = try easy.perform(upload)
            recorder.endLetter()
            if let refusal = addressGuard.failure(after: outcome) { return .failed(refusal, dataSent: false) }
            return DeliveryClassifier.result(
                outcome,
                detail: detail,
                facts: recorder.facts,
                responseCode: easy.responseCode,
                dataSent: upload.reachedEnd,
                replySeconds: timeouts.response.curlSeconds
            )
        } catch {
            recorder.endLetter()
            recorder.note(error.description)
            easy = nil
            return .failed(.connect(detail: error.description), dataSent: false)
        }
    }

    func close() {
        easy = nil
    }

    /// The session's handle, made and configured on first use.
    private func handle(url: String) throws(CurlSetupError) -> CurlEasy {
        if let easy { return easy }
        let easy = try CurlEasy()
        try easy.record(into: recorder)
        try easy.connect(through: addressGuard)
        try easy.set(CURLOPT_URL, url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try easy.set(CURLOPT_PROXY, "")
        try easy.set(CURLOPT_NOSIGNAL, 1)
        if account.security == .starttls {
            try easy.set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        }
        try easy.set(CURLOPT_SSL_VERIFYPEER, 1)
        try easy.set(CURLOPT_SSL_VERIFYHOST, 2)
        if let trustedCertificates {
            try easy.set(CURLOPT_CAINFO_BLOB, blob: trustedCertificates)
        }
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, timeouts.connect.curlMilliseconds)
        try easy.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, timeouts.response.curlSeconds)
        try easy.set(CURLOPT_TIMEOUT_MS, timeouts.letter.curlMilliseconds)
        if !account.login.isEmpty {
            try easy.set(CURLOPT_USERNAME, account.login)
            try easy.set(CURLOPT_PASSWORD, account.password)
        }
        try easy.set(CURLOPT_UPLOAD, 1)
        self.easy = easy
        return easy
    }

    /// `<local@domain>` for `MAIL FROM`/`RCPT TO`. `EmailAddress` never holds a line break;
    /// libcurl would pass one through, so it is checked once more here.
    private static func envelope(_ address: EmailAddress) -> String {
        let text = address.address
        precondition(!text.contains(where: \.isNewline), "line break in an envelope address")
        return "<\(text)>"
    }

    /// `smtps://host:port/NAME` or `smtp://host:port/NAME`, the host as given (IPv6 literals come
    /// bracketed). libcurl greets with the URL's path as the EHLO name (without one it sends the
    /// bare `gethostname()`): `EHLOName` chooses it. Nil for a host or port that would change the
    /// URL's meaning.
    static func url(_ account: SMTPAccount, machineName: String? = MachineName.canonical) -> String? {
        let forbidden: Set<Character> = ["/", "?", "#", "@", "\\", "%", " "]
        let host = account.host
        guard !host.isEmpty, (1...65535).contains(account.port) else { return nil }
        guard !host.contains(where: { forbidden.contains($0) || $0.isWhitespace }) else { return nil }
        if host.contains(":"), !(host.hasPrefix("[") && host.hasSuffix("]")) { return nil }
        let scheme = account.security == .ssl ? "smtps" : "smtp"
        let greeting = EHLOName.choose(machineName: machineName, senderDomain: account.senderDomain)
        return "\(scheme)://\(host):\(account.port)" + (greeting.map { "/\($0.ascii)" } ?? "")
    }
}
