/// The message libcurl reads during one transfer, and the hook that runs once all of it has
/// been handed over, just before libcurl sends the final dot.
final class Upload {
    /// What the read callback answers.
    enum Chunk: Equatable {
        /// This many bytes were copied into the buffer.
        case bytes(Int)
        /// The message is complete: send the final dot.
        case end
        /// Stop the transfer: the hook said no.
        case abort
    }

    private let message: [UInt8]
    private var offset = 0
    private let beforeFinalDot: () -> Bool
    /// The whole message was handed to libcurl.
    private(set) var reachedEnd = false

    init(message: [UInt8], beforeFinalDot: @escaping () -> Bool) {
        self.message = message
        self.beforeFinalDot = beforeFinalDot
    }

    /// Fills `buffer` with the next bytes; at the end, asks the hook once whether to finish.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Chunk {
        if offset < message.count {
            let count = min(buffer.count, message.count - offset)
            message.withUnsafeBytes { source in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count]))
            }
            offset += count
            return .bytes(count)
        }
        if !reachedEnd {
            reachedEnd = true
            if !beforeFinalDot() { return .abort }
        }
        return .end
    }
}
