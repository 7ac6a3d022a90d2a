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
        /// The bytes received, after dot-unstuffing.
        public var content: [UInt8] = []

        enum CodingKeys: String, CodingKey {
            case connection, file
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
        let output = Pipe()
        _ = FileManager.default.createFile(atPath: directory.file("server.log"), contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: directory.file("server.log"))
        try process.run()
        guard let line = Self.readLine(output.fileHandleForReading.fileDescriptor, within: .seconds(15)),
            line.hasPrefix("READY "), let port = Int(line.dropFirst(6))
        else {
            Self.stop(process)
            let log = (try? String(contentsOfFile: directory.file("server.log"), encoding: .utf8)) ?? ""
            throw StartError(description: "the test SMTP server did not start: \(log)")
        }
        self.port = port
    }

    deinit {
        Self.stop(process)
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

    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    /// SIGTERM by PID, then SIGKILL if it is still there after 5 s.
    private static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0..<50 where process.isRunning {
            usleep(100_000)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// One line from `descriptor`, or nil when none came in time.
    private static func readLine(_ descriptor: Int32, within limit: Duration) -> String? {
        let deadline = ContinuousClock.now + limit
        var bytes: [UInt8] = []
        while ContinuousClock.now < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) >= 0 else { return nil }
            guard poller.revents != 0 else { continue }
            var byte: UInt8 = 0
            guard read(descriptor, &byte, 1) == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }
}
