import MailCore

/// Turns what libcurl's debug callback reports into the session's transcript, with the login
/// exchange masked as it is recorded, and keeps the facts that decide a letter's result: the
/// step the dialogue reached and the server's reply to the last command.
///
/// Fed with raw bytes (libcurl may split or join lines); message bodies are never fed to it.
final class DialogueRecorder {
    /// Where the dialogue stands for the letter in progress.
    struct Facts: Equatable {
        /// The step of the last command sent (or of the connection being made).
        var step: SMTPStep = .connect
        /// The server's complete reply to that command, once it came.
        var reply: SMTPReply?
    }

    private(set) var facts = Facts()

    private let implicitTLS: Bool
    private let maxLines: Int
    private let maxLineLength: Int
    private var lines: [Transcript.Line] = []
    private var droppedLines = 0
    private var masker = AuthMasker()
    private var serverBytes: [UInt8] = []
    private var clientBytes: [UInt8] = []
    private var replyLines: [String] = []
    private var quitting = false

    /// The longest run of bytes without a line end that is kept waiting for one.
    private static let maxPendingBytes = 8192
    /// The most lines of one reply that are kept for parsing.
    private static let maxReplyLines = 50

    /// - Parameter implicitTLS: the connection starts with a TLS handshake (`smtps://`).
    init(implicitTLS: Bool, maxLines: Int = 2000, maxLineLength: Int = 1000) {
        self.implicitTLS = implicitTLS
        self.maxLines = maxLines
        self.maxLineLength = maxLineLength
    }

    /// The dialogue so far; when it grew past the cap, the oldest lines are left out.
    var transcript: Transcript {
        guard droppedLines > 0 else { return Transcript(lines: lines) }
        return Transcript(lines: [Transcript.Line(.info, "(\(droppedLines) earlier lines not kept)")] + lines)
    }

    /// Starts a letter: nothing is known yet about its dialogue.
    func beginLetter() {
        facts = Facts()
        quitting = false
    }

    /// Ends a letter: a line libcurl left unfinished is recorded (masked like any other).
    func endLetter() {
        if !clientBytes.isEmpty { clientLine(takeLine(from: &clientBytes, count: clientBytes.count)) }
        if !serverBytes.isEmpty { serverLine(takeLine(from: &serverBytes, count: serverBytes.count)) }
    }

    /// libcurl's own notes (`CURLINFO_TEXT`): connecting, TLS, reusing the connection.
    func text(_ bytes: some Collection<UInt8>) {
        for piece in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let line = piece.trimming(" ")
            guard !line.isEmpty, !Self.isHandshakeTrace(line) else { continue }
            if line.hasPrefix("Connected to ") {
                facts.step = implicitTLS ? .tls : .greeting
            } else if line.hasPrefix("SSL connection using ") {
                facts.step = .greeting
            } else if line.hasPrefix("Re-using existing connection") {
                facts.step = .sender
            }
            note(line)
        }
    }

    /// Bytes the server sent (`CURLINFO_HEADER_IN`).
    func received(_ bytes: some Collection<UInt8>) {
        serverBytes.append(contentsOf: bytes)
        while let line = nextLine(from: &serverBytes) { serverLine(line) }
    }

    /// Command bytes mailrobot sent (`CURLINFO_HEADER_OUT`).
    func sent(_ bytes: some Collection<UInt8>) {
        clientBytes.append(contentsOf: bytes)
        while let line = nextLine(from: &clientBytes) { clientLine(line) }
    }

    /// A note from the transport itself.
    func note(_ text: String) {
        append(.info, text)
    }

    private func serverLine(_ line: String) {
        append(.server, line)
        guard SMTPReply(parsing: line) != nil else { return }
        if replyLines.count < Self.maxReplyLines { replyLines.append(line) }
        guard SMTPReply.isLastLine(line), let reply = SMTPReply(lines: replyLines) else { return }
        replyLines = []
        masker.server(code: reply.code)
        if !quitting { facts.reply = reply }
    }

    private func clientLine(_ line: String) {
        let continuing = masker.inExchange
        append(.client, masker.client(line))
        guard !quitting else { return }
        let verb = continuing ? "" : line.prefix { $0 != " " && $0 != ":" }.uppercased()
        switch verb {
        case "QUIT":
            quitting = true
            return
        case "EHLO", "HELO": facts.step = .greeting
        case "STARTTLS": facts.step = .tls
        case "AUTH": facts.step = .auth
        case "MAIL": facts.step = .sender
        case "RCPT": facts.step = .recipient
        case "DATA": facts.step = .data
        default: break
        }
        facts.reply = nil
    }

    private func append(_ direction: Transcript.Direction, _ text: String) {
        lines.append(Transcript.Line(direction, Self.printable(text, limit: maxLineLength)))
        if lines.count > maxLines {
            let excess = lines.count - maxLines + maxLines / 4
            lines.removeFirst(excess)
            droppedLines += excess
        }
    }

    /// The next complete line (without its CR LF), or a forced one when too many bytes wait.
    private func nextLine(from bytes: inout [UInt8]) -> String? {
        if let end = bytes.firstIndex(of: UInt8(ascii: "\n")) {
            return takeLine(from: &bytes, count: end + 1)
        }
        return bytes.count > Self.maxPendingBytes ? takeLine(from: &bytes, count: bytes.count) : nil
    }

    private func takeLine(from bytes: inout [UInt8], count: Int) -> String {
        var line = bytes[..<count]
        bytes.removeFirst(count)
        while let last = line.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") {
            line.removeLast()
        }
        return String(decoding: line, as: UTF8.self)
    }

    /// OpenSSL's per-message handshake trace (`TLSv1.3 (OUT), TLS handshake, Client hello (1):`).
    private static func isHandshakeTrace(_ line: String) -> Bool {
        (line.hasPrefix("TLSv") || line.hasPrefix("SSLv") || line.hasPrefix("TLS "))
            && (line.contains(" (IN), ") || line.contains(" (OUT), "))
    }

    /// The text with control characters shown as `?` and cut at `limit` characters.
    private static func printable(_ text: String, limit: Int) -> String {
        var result = String(
            String.UnicodeScalarView(
                text.unicodeScalars.prefix(limit).map { scalar in
                    (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F ? "?" : scalar
                }
            )
        )
        if text.unicodeScalars.count > limit { result += "…" }
        return result
    }
}

extension Substring {
    fileprivate func trimming(_ character: Character) -> String {
        guard let start = firstIndex(where: { $0 != character }) else { return "" }
        let end = lastIndex(where: { $0 != character })!
        return String(self[start...end])
    }
}
