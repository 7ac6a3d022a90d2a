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

    /// The most content one FastCGI record carries, a multiple of 8 so no padding is needed.
    static let recordContent = 65_528

    /// Writes answer bytes (`parts`, one after another) as `FCGI_STDOUT` records of up to 64 KB,
    /// all in one `writev` when the socket takes them; false once the web server has gone away.
    ///
    /// libfcgi's own writer (`FCGX_PutStr`) sends a record, and a system call, per 8 KB of its
    /// buffer: six for a page of 48 KB, each waking nginx. So the answer goes to the connection's
    /// descriptor here, framed as libfcgi frames it, while libfcgi's buffer stays empty: the
    /// closing records `FCGX_Finish_r` writes (the empty `FCGI_STDOUT`, `FCGI_END_REQUEST`) then
    /// follow these. `ipcFd` and `requestId` are fields libfcgi 2.4 keeps in `FCGX_Request`.
    func write(_ parts: [UnsafeRawBufferPointer]) -> Bool {
        let total = parts.reduce(0) { $0 + $1.count }
        guard total > 0 else { return true }
        let records = (total + Self.recordContent - 1) / Self.recordContent
        var headers = [UInt8](repeating: 0, count: records * 8)
        var vectors: [iovec] = []
        vectors.reserveCapacity(records + parts.count * 2)
        return headers.withUnsafeMutableBytes { headerBytes in
            var record = 0
            var left = 0
            for part in parts where part.count > 0 {
                var offset = 0
                while offset < part.count {
                    if left == 0 {
                        left = min(Self.recordContent, total - record * Self.recordContent)
                        let header = headerBytes.baseAddress! + record * 8
                        Self.frame(header, requestID: Int(request.pointee.requestId), length: left)
                        vectors.append(iovec(iov_base: header, iov_len: 8))
                        record += 1
                    }
                    let count = min(left, part.count - offset)
                    vectors.append(
                        iovec(iov_base: UnsafeMutableRawPointer(mutating: part.baseAddress! + offset), iov_len: count)
                    )
                    offset += count
                    left -= count
                }
            }
            return Self.writeAll(request.pointee.ipcFd, &vectors)
        }
    }

    /// An `FCGI_STDOUT` record header: version 1, type 6, request id, content length, no padding.
    private static func frame(_ header: UnsafeMutableRawPointer, requestID: Int, length: Int) {
        let bytes: [UInt8] = [
            1, 6, UInt8(truncatingIfNeeded: requestID >> 8), UInt8(truncatingIfNeeded: requestID),
            UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length), 0, 0,
        ]
        header.copyMemory(from: bytes, byteCount: 8)
    }

    /// Writes every vector, again after a partial write or a signal.
    private static func writeAll(_ descriptor: Int32, _ vectors: inout [iovec]) -> Bool {
        var first = 0
        while first < vectors.count {
            let written = vectors[first...].withUnsafeBufferPointer { batch in
                Glibc.writev(descriptor, batch.baseAddress, Int32(min(batch.count, 1024)))
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            var done = written
            while first < vectors.count && done >= vectors[first].iov_len {
                done -= vectors[first].iov_len
                first += 1
            }
            if done > 0 {
                vectors[first].iov_base += done
                vectors[first].iov_len -= done
            }
        }
        return true
    }
}
