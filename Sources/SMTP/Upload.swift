/// The message libcurl reads during one transfer.
final class Upload {
    /// What the read callback answers.
    enum Chunk: Equatable {
        /// This many bytes were copied into the buffer.
        case bytes(Int)
        /// The message is complete: send the final dot.
        case end
    }

    private let message: [UInt8]
    private var offset = 0
    private let whenComplete: () -> Void
    /// The whole message was handed to libcurl.
    private(set) var reachedEnd = false

    /// `whenComplete` runs once, when the whole message has been handed over (just before
    /// libcurl sends the final dot).
    init(message: [UInt8], whenComplete: @escaping () -> Void) {
        self.message = message
        self.whenComplete = whenComplete
    }

    /// Fills `buffer` with the next bytes; `.end` once all of them went.
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
            whenComplete()
        }
        return .end
    }
}
