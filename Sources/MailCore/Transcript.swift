/// The SMTP dialogue of a session as an admin may see it: the login exchange is masked
/// when it is recorded, so no password ever sits in a transcript.
public struct Transcript: Sendable, Equatable {
    public enum Direction: String, Sendable {
        /// Sent by mailrobot (`C:`).
        case client
        /// Sent by the server (`S:`).
        case server
        /// A note from the transport (connecting, TLS established …).
        case info
    }

    public struct Line: Sendable, Equatable {
        public var direction: Direction
        public var text: String

        public init(_ direction: Direction, _ text: String) {
            self.direction = direction
            self.text = text
        }
    }

    public private(set) var lines: [Line] = []

    public init(lines: [Line] = []) {
        self.lines = lines
    }

    public mutating func append(_ direction: Direction, _ text: String) {
        lines.append(Line(direction, text))
    }

    /// The dialogue as text, one `C: `/`S: `/`* ` line each.
    public var text: String {
        lines.map { line in
            let prefix =
                switch line.direction {
                case .client: "C: "
                case .server: "S: "
                case .info: "* "
                }
            return prefix + line.text
        }.joined(separator: "\n")
    }
}
