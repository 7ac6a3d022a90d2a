internal import CFastCGI
import Glibc

/// One worker's `FCGX_Request`: accepts a connection, reads its parameters and body, writes the answer.
///
/// The request lives at a fixed address for the worker's life, because libfcgi's streams point back
/// at it. Only the worker thread that made it may use it.
/// - SeeAlso: `fcgiapp.h` (`FCGX_InitRequest`, `FCGX_Accept_r`, `FCGX_GetStr`, `FCGX_PutStr`).
final class FastCGIExchange {
    private let request: UnsafeMutablePointer<FCGX_Request>

    /// A request slot accepting on `listeningSocket`; `FCGX_Init` must have succeeded.
    init(listeningSocket: Int32) {
        request = .allocate(capacity: 1)
        request.initialize(to: FCGX_Request())
        FCGX_InitRequest(request, listeningSocket, 0)
    }

    deinit {
        FCGX_Free(request, 1)
        request.deallocate()
    }

    /// Waits for the next request; a negative `errno` when the listening socket fails or was shut down.
    func accept() -> Int32 {
        FCGX_Accept_r(request)
    }

    /// Flushes the answer and closes the connection.
    func finish() {
        FCGX_Finish_r(request)
    }

    /// Every parameter of the current request, in the order the web server sent them.
    func parameters() -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        guard var entry = request.pointee.envp else { return pairs }
        while let text = entry.pointee {
            let bytes = UnsafeRawBufferPointer(start: text, count: strlen(text))
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
                pairs.append(
                    (
                        String(decoding: bytes[..<equals], as: UTF8.self),
                        String(decoding: bytes[(equals + 1)...], as: UTF8.self)
                    )
                )
            }
            entry += 1
        }
        return pairs
    }

    /// Reads body bytes into `buffer`; fewer than it holds only at the end of the body.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let count = Int32(clamping: buffer.count)
        return Int(max(0, FCGX_GetStr(base.assumingMemoryBound(to: CChar.self), count, request.pointee.in)))
    }

    /// Writes answer bytes; false once the web server has gone away.
    func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var rest = bytes[...]
        while !rest.isEmpty {
            let chunk = UnsafeRawBufferPointer(rebasing: rest.prefix(Int(Int32.max)))
            let written = FCGX_PutStr(
                chunk.baseAddress!.assumingMemoryBound(to: CChar.self),
                Int32(chunk.count),
                request.pointee.out
            )
            guard written == Int32(chunk.count) else { return false }
            rest = rest.dropFirst(chunk.count)
        }
        return true
    }
}
