import CCurl
import CCurlShim

/// The C callbacks libcurl calls during a transfer. They cannot capture anything, so each finds
/// its Swift object through the userdata pointer (unretained: `CurlEasy` keeps the object alive).
enum CurlCallbacks {
    /// `CURLOPT_DEBUGFUNCTION`: notes, server lines and command lines go to the recorder; message
    /// bytes and TLS records are ignored.
    static let debug: CCurlShim_debug_callback = { _, type, data, size, userdata in
        guard let data, let userdata else { return 0 }
        let recorder = Unmanaged<DialogueRecorder>.fromOpaque(userdata).takeUnretainedValue()
        let bytes = UnsafeRawBufferPointer(start: data, count: size)
        switch type {
        case CURLINFO_TEXT: recorder.text(bytes)
        case CURLINFO_HEADER_IN: recorder.received(bytes)
        case CURLINFO_HEADER_OUT: recorder.sent(bytes)
        default: break
        }
        return 0
    }

    /// `CURLOPT_READFUNCTION`: the next bytes of the message, 0 at its end.
    static let read: CCurlShim_read_callback = { buffer, size, count, userdata in
        guard let buffer, let userdata else { return Int(CURL_READFUNC_ABORT) }
        let upload = Unmanaged<Upload>.fromOpaque(userdata).takeUnretainedValue()
        switch upload.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count)) {
        case .bytes(let copied): return copied
        case .end: return 0
        }
    }

    /// `CURLOPT_WRITEFUNCTION`: a response body's bytes go to the sink, which keeps the first few.
    static let write: CCurlShim_write_callback = { data, size, count, userdata in
        guard let userdata else { return 0 }
        let sink = Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue()
        if let data { sink.append(UnsafeRawBufferPointer(start: data, count: size * count)) }
        return size * count
    }
}
