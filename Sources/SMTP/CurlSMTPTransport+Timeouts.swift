extension CurlSMTPTransport {
    /// How long the transport waits, at most, before it gives a letter up.
    public struct Timeouts: Sendable, Equatable {
        /// Establishing the TCP connection and the TLS handshake (`CURLOPT_CONNECTTIMEOUT_MS`).
        public var connect: Duration
        /// Each reply of the server, the greeting included (`CURLOPT_SERVER_RESPONSE_TIMEOUT`,
        /// whole seconds, rounded up).
        public var response: Duration
        /// One letter from start to end, connecting included (`CURLOPT_TIMEOUT_MS`).
        public var letter: Duration

        public init(
            connect: Duration = .seconds(15),
            response: Duration = .seconds(30),
            letter: Duration = .seconds(60)
        ) {
            self.connect = connect
            self.response = response
            self.letter = letter
        }

        /// Limits derived from one number, the longest wait for a server reply: connecting takes
        /// at most 15 s (less when replies must be quicker), a whole letter twice the reply limit
        /// and never less than 30 s.
        public init(replySeconds: Int) {
            let reply = max(1, replySeconds)
            self.init(
                connect: .seconds(min(15, reply)),
                response: .seconds(reply),
                letter: .seconds(max(30, 2 * reply))
            )
        }
    }
}

extension Duration {
    /// Whole milliseconds, rounded up, at least 1 (0 would mean "no limit" to libcurl).
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        let milliseconds = Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        return max(1, milliseconds)
    }

    /// Whole seconds, rounded up, at least 1.
    var curlSeconds: Int {
        (curlMilliseconds + 999) / 1000
    }
}
