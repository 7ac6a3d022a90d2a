import Foundation

/// The test SMTP server (`Tests/Integration/smtp_server.py`, aiosmtpd) running for one test on
/// 127.0.0.1, stopped by its PID when the value is released.
public final class SMTPTestServer {
    /// How the server protects the connection.
    public enum Mode: String, Sendable {
        case plain
        case starttls
        case tls
    }

    /// What the server does; see the script's help text for the rules a `script` may hold.
    public struct Options {
        public var mode: Mode = .plain
        /// Certificate and key in PEM, for `.starttls` and `.tls`.
        public var certificate: (cert: String, key: String)?
        /// `user:password`; when set, a login is required before MAIL.
        public var auth: String?
        /// Offer only these mechanisms (`LOGIN`, `PLAIN`); empty offers both.
        public var authMechanisms: [String] = []
        /// Misbehaviour rules, as JSON.
        public var script: String?
        /// Wait before answering every final dot.
        public var delayMilliseconds = 0
        /// How long a `silent` rule holds the connection.
        public var holdMilliseconds = 20_000

        public init(mode: Mode = .plain) {
            self.mode = mode
        }
    }

    /// A message the server accepted, with its envelope.
    public struct Message: Decodable, Sendable {
        /// The number of the TCP connection it came over (1, 2, …).
        public let connection: Int
        public let mailFrom: String
        public let rcptTos: [String]
        public let file: String
        /// The name the client greeted with (EHLO or HELO).
        public let helo: String?
        /// The bytes received, after dot-unstuffing.
        public var content: [UInt8] = []

        enum CodingKeys: String, CodingKey {
            case connection, file, helo
            case mailFrom = "mail_from"
            case rcptTos = "rcpt_tos"
        }
    }

    public let port: Int
    /// Received messages, `messages.jsonl`, the script and the server's log.
    public let directory = TemporaryDirectory(prefix: "mailrobot-smtp")
    private let process = Process()

    /// Where the integration scripts live.
    public static let integrationFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Integration").path

    /// Starts the server and waits (at most 15 s) until it listens.
    public init(_ options: Options = Options()) throws {
        var arguments = [
            "\(Self.integrationFolder)/smtp_server.py", "--port", "0", "--mode", options.mode.rawValue,
            "--maildir", directory.file("mail"), "--delay-ms", String(options.delayMilliseconds),
            "--hold-ms", String(options.holdMilliseconds), "--lifetime-s", "300",
        ]
        if let (cert, key) = options.certificate { arguments += ["--cert", cert, "--key", key] }
        if let auth = options.auth { arguments += ["--auth", auth] }
        for mechanism in options.authMechanisms { arguments += ["--auth-mech", mechanism] }
        if let script = options.script {
            try script.write(toFile: directory.file("script.json"), atomically: true, encoding: .utf8)
            arguments += ["--script", directory.file("script.json")]
        }
        port = try TestScriptProcess.start(process, arguments, log: directory.file("server.log"), what: "SMTP")
    }

    deinit {
        TestScriptProcess.stop(process)
    }

    /// The messages accepted so far, in order, with their content.
    public func messages() throws -> [Message] {
        let folder = directory.file("mail")
        guard let log = FileManager.default.contents(atPath: "\(folder)/messages.jsonl") else { return [] }
        return try log.split(separator: UInt8(ascii: "\n")).map { line in
            var message = try JSONDecoder().decode(Message.self, from: Data(line))
            message.content = Array(FileManager.default.contents(atPath: "\(folder)/\(message.file)") ?? Data())
            return message
        }
    }

    /// The server's own log (stderr), for a failing test's message.
    public var log: String {
        (try? String(contentsOfFile: directory.file("server.log"), encoding: .utf8)) ?? ""
    }
}
