import MailCore

/// Turns what libcurl's debug callback reports into the session's transcript, with the login
/// exchange masked as it is recorded, and keeps the facts that decide a letter's result: the
/// step the dialogue reached and the server's reply to the last command.
///
/// Fed with raw bytes (libcurl may split or join lines); message bodies are never fed to it.
/// It runs for every line of every letter, so it works on the bytes: a line is kept as it came
/// and becomes text only when the transcript is read (a check), and a reply becomes an
/// `SMTPReply` only when the facts are.
final class DialogueRecorder {
    /// Where the dialogue stands for the letter in progress.
    struct Facts: Equatable {
        /// The step of the last command sent (or of the connection being made).
        var step: SMTPStep = .connect
        /// The server's complete reply to that command, once it came.
        var reply: SMTPReply?
    }

    /// The facts of the letter in progress.
    var facts: Facts {
        Facts(step: step, reply: reply.flatMap { SMTPReply(lines: $0.map { String(decoding: $0, as: UTF8.self) }) })
    }

    /// A line as recorded: its bytes as they came, or, for a line of the login exchange, its
    /// masked text.
    private struct Line {
        let direction: Transcript.Direction
        let bytes: [UInt8]
        let masked: String?
    }

    private let implicitTLS: Bool
    private let maxLines: Int
    private let maxLineLength: Int
    private var lines: [Line] = []
    private var droppedLines = 0
    private var masker = AuthMasker()
    private var serverBytes: [UInt8] = []
    private var clientBytes: [UInt8] = []
    private var step = SMTPStep.connect
    /// The lines of the last complete reply to the last command.
    private var reply: [[UInt8]]?
    /// The lines of a reply still coming.
    private var replyLines: [[UInt8]] = []
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
        var kept = lines.map { line in
            Transcript.Line(
                line.direction,
                Self.printable(line.masked ?? String(decoding: line.bytes, as: UTF8.self), limit: maxLineLength)
            )
        }
        if droppedLines > 0 { kept.insert(Transcript.Line(.info, "(\(droppedLines) earlier lines not kept)"), at: 0) }
        return Transcript(lines: kept)
    }

    /// Starts a letter: nothing is known yet about its dialogue.
    func beginLetter() {
        step = .connect
        reply = nil
        quitting = false
    }

    /// Ends a letter: a line libcurl left unfinished is recorded (masked like any other).
    func endLetter() {
        if !clientBytes.isEmpty { clientLine(takeLine(from: &clientBytes, count: clientBytes.count)) }
        if !serverBytes.isEmpty { serverLine(takeLine(from: &serverBytes, count: serverBytes.count)) }
    }

    /// libcurl's own notes (`CURLINFO_TEXT`): connecting, TLS, reusing the connection.
    func text(_ bytes: some Collection<UInt8>) {
        for piece in bytes.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
            let line = Array(piece.drop { $0 == 0x20 }.reversed().drop { $0 == 0x20 }.reversed())
            guard !line.isEmpty, !Self.isHandshakeTrace(line) else { continue }
            if line.starts(with: "Connected to ".utf8) {
                step = implicitTLS ? .tls : .greeting
            } else if line.starts(with: "SSL connection using ".utf8) {
                step = .greeting
            } else if line.starts(with: "Re-using existing connection".utf8) {
                step = .sender
            }
            append(Line(direction: .info, bytes: line, masked: nil))
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
        append(Line(direction: .info, bytes: [], masked: text))
    }

    private func serverLine(_ line: [UInt8]) {
        append(Line(direction: .server, bytes: line, masked: nil))
        guard let code = Self.replyCode(line) else { return }
        if replyLines.count < Self.maxReplyLines { replyLines.append(line) }
        guard line.count == 3 || line[3] == UInt8(ascii: " ") else { return }
        let complete = replyLines
        replyLines = []
        masker.server(code: Self.replyCode(complete[0]) ?? code)
        if !quitting { reply = complete }
    }

    private func clientLine(_ line: [UInt8]) {
        let continuing = masker.inExchange
        let verb = Self.verb(line)
        if continuing || verb == "AUTH" {
            append(Line(direction: .client, bytes: [], masked: masker.client(String(decoding: line, as: UTF8.self))))
        } else {
            append(Line(direction: .client, bytes: line, masked: nil))
        }
        guard !quitting else { return }
        switch continuing ? "" : verb {
        case "QUIT":
            quitting = true
            return
        case "EHLO", "HELO": step = .greeting
        case "STARTTLS": step = .tls
        case "AUTH": step = .auth
        case "MAIL": step = .sender
        case "RCPT": step = .recipient
        case "DATA": step = .data
        default: break
        }
        reply = nil
    }

    private func append(_ line: Line) {
        lines.append(line)
        if lines.count > maxLines {
            let excess = lines.count - maxLines + maxLines / 4
            lines.removeFirst(excess)
            droppedLines += excess
        }
    }

    /// The next complete line (without its CR LF), or a forced one when too many bytes wait.
    private func nextLine(from bytes: inout [UInt8]) -> [UInt8]? {
        if let end = bytes.firstIndex(of: UInt8(ascii: "\n")) {
            return takeLine(from: &bytes, count: end + 1)
        }
        return bytes.count > Self.maxPendingBytes ? takeLine(from: &bytes, count: bytes.count) : nil
    }

    private func takeLine(from bytes: inout [UInt8], count: Int) -> [UInt8] {
        var end = count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = Array(bytes[..<end])
        bytes.removeFirst(count)
        return line
    }

    /// The command word of a client line (up to a space or a colon), in upper case.
    private static func verb(_ line: [UInt8]) -> String {
        let word = line.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: ":") }.prefix(16)
        return String(decoding: word.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    /// The three-digit code at the start of a reply line, followed by the end, a space or a dash
    /// (as `SMTPReply` reads it).
    private static func replyCode(_ line: [UInt8]) -> Int? {
        guard line.count >= 3, (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(line[0]),
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[1]),
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[2])
        else { return nil }
        if line.count > 3, line[3] != UInt8(ascii: " "), line[3] != UInt8(ascii: "-") { return nil }
        return line[..<3].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// OpenSSL's per-message handshake trace (`TLSv1.3 (OUT), TLS handshake, Client hello (1):`).
    private static func isHandshakeTrace(_ line: [UInt8]) -> Bool {
        guard line.starts(with: "TLSv".utf8) || line.starts(with: "SSLv".utf8) || line.starts(with: "TLS ".utf8)
        else { return false }
        let text = String(decoding: line, as: UTF8.self)
        return text.contains(" (IN), ") || text.contains(" (OUT), ")
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
