import Foundation

/// The test webhook receiver (`Tests/Integration/webhook_server.py`) on 127.0.0.1, for one
/// test, stopped by its PID when the value is released.
public final class WebhookTestServer {
    /// A POST the server received.
    public struct Request: Decodable, Sendable {
        public let path: String
        public let headers: [String: String]
        public let body: String
    }

    public let port: Int
    public let directory = TemporaryDirectory(prefix: "mailrobot-webhook")
    private let process = Process()

    /// Starts the server answering `status` after `delayMilliseconds`, and waits until it listens.
    public init(status: Int = 200, delayMilliseconds: Int = 0) throws {
        let arguments = [
            "\(SMTPTestServer.integrationFolder)/webhook_server.py", "--port", "0", "--log",
            directory.file("requests.jsonl"), "--status", String(status), "--delay-ms", String(delayMilliseconds),
            "--lifetime-s", "120",
        ]
        port = try TestScriptProcess.start(process, arguments, log: directory.file("server.log"), what: "webhook")
    }

    deinit {
        TestScriptProcess.stop(process)
    }

    /// The POSTs received so far, in order.
    public func requests() throws -> [Request] {
        guard let log = FileManager.default.contents(atPath: directory.file("requests.jsonl")) else { return [] }
        return try log.split(separator: UInt8(ascii: "\n")).map {
            try JSONDecoder().decode(Request.self, from: Data($0))
        }
    }
}
