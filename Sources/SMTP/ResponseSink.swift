/// The first bytes of a response body (a webhook's answer), for a log line; the rest is dropped.
final class ResponseSink {
    /// The most bytes kept.
    static let limit = 512
    private(set) var bytes: [UInt8] = []

    func append(_ chunk: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: chunk.prefix(max(0, Self.limit - bytes.count)))
    }

    /// What was kept, as one line of text.
    var text: String {
        String(String(decoding: bytes, as: UTF8.self).unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
    }
}
