import CCurl
import CCurlShim

/// An option libcurl refused (an old libcurl, a feature it was built without, no memory).
struct CurlSetupError: Error, CustomStringConvertible {
    let description: String
}

/// One libcurl easy handle, which keeps its SMTP connection open from one transfer to the next.
///
/// Owns the handle, cleaned up in `deinit` (which says QUIT on an open connection), and
/// everything libcurl points at while it lives: the error buffer, the recipient and header
/// lists, the recorder its debug callback writes to, the upload of the transfer in progress and
/// the sink of a response body.
/// - SeeAlso: https://curl.se/libcurl/c/libcurl-easy.html
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var recipients: UnsafeMutablePointer<curl_slist>?
    private var headers: UnsafeMutablePointer<curl_slist>?
    private var recorder: DialogueRecorder?
    private var upload: Upload?
    private var responseSink: ResponseSink?

    init() throws(CurlSetupError) {
        try CurlLibrary.load()
        guard let handle = CCurlShim_easy_init() else { throw CurlSetupError(description: "curl_easy_init failed") }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        try check(CCurlShim_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), CURLOPT_ERRORBUFFER)
    }

    deinit {
        CCurlShim_easy_cleanup(handle)
        CCurlShim_slist_free_all(recipients)
        CCurlShim_slist_free_all(headers)
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int) throws(CurlSetupError) {
        try check(CCurlShim_setopt_long(handle, option, value), option)
    }

    /// libcurl copies string options, so `value` need not outlive the call.
    func set(_ option: CURLoption, _ value: String) throws(CurlSetupError) {
        try check(value.withCString { CCurlShim_setopt_string(handle, option, $0) }, option)
    }

    /// A blob option (`CURLOPT_CAINFO_BLOB`), copied by libcurl (`CURL_BLOB_COPY`).
    func set(_ option: CURLoption, blob bytes: [UInt8]) throws(CurlSetupError) {
        var copy = bytes
        let code = copy.withUnsafeMutableBytes { buffer in
            var blob = curl_blob(data: buffer.baseAddress, len: buffer.count, flags: UInt32(CURL_BLOB_COPY))
            return CCurlShim_setopt_pointer(handle, option, &blob)
        }
        try check(code, option)
    }

    /// `CURLOPT_MAIL_RCPT`; the list lives until the next call or the handle's end.
    func setRecipients(_ addresses: [String]) throws(CurlSetupError) {
        let list = try setList(CURLOPT_MAIL_RCPT, addresses)
        CCurlShim_slist_free_all(recipients)
        recipients = list
    }

    /// `CURLOPT_HTTPHEADER`; the list lives until the next call or the handle's end.
    func setHeaders(_ lines: [String]) throws(CurlSetupError) {
        let list = try setList(CURLOPT_HTTPHEADER, lines)
        CCurlShim_slist_free_all(headers)
        headers = list
    }

    /// Sets a list option to `strings`; the caller keeps the list and frees it when replaced.
    private func setList(
        _ option: CURLoption,
        _ strings: [String]
    ) throws(CurlSetupError)
        -> UnsafeMutablePointer<curl_slist>?
    {
        var list: UnsafeMutablePointer<curl_slist>?
        for string in strings {
            guard let longer = CCurlShim_slist_append(list, string) else {
                CCurlShim_slist_free_all(list)
                throw CurlSetupError(description: "curl_slist_append failed: out of memory")
            }
            list = longer
        }
        do {
            try check(CCurlShim_setopt_slist(handle, option, list), option)
        } catch {
            CCurlShim_slist_free_all(list)
            throw error
        }
        return list
    }

    /// Keeps the first bytes of each response body in `sink` instead of letting libcurl write
    /// them to standard output (`CURLOPT_WRITEFUNCTION`, `CURLOPT_WRITEDATA`).
    func collectResponse(into sink: ResponseSink) throws(CurlSetupError) {
        responseSink = sink
        try check(CCurlShim_setopt_write_callback(handle, CurlCallbacks.write), CURLOPT_WRITEFUNCTION)
        try check(
            CCurlShim_setopt_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(sink).toOpaque()),
            CURLOPT_WRITEDATA
        )
    }

    /// Sends libcurl's debug stream to `recorder` (`CURLOPT_VERBOSE`, `CURLOPT_DEBUGFUNCTION`).
    func record(into recorder: DialogueRecorder) throws(CurlSetupError) {
        self.recorder = recorder
        try check(CCurlShim_setopt_debug_callback(handle, CurlCallbacks.debug), CURLOPT_DEBUGFUNCTION)
        try check(
            CCurlShim_setopt_pointer(handle, CURLOPT_DEBUGDATA, Unmanaged.passUnretained(recorder).toOpaque()),
            CURLOPT_DEBUGDATA
        )
        try set(CURLOPT_VERBOSE, 1)
    }

    /// Runs one transfer reading the message from `upload`, which is kept until it returns.
    func perform(_ upload: Upload) throws(CurlSetupError) -> (outcome: CurlOutcome, detail: String) {
        self.upload = upload
        defer {
            self.upload = nil
            // Leave no pointer to the released upload in the handle (setting a pointer cannot fail).
            _ = CCurlShim_setopt_pointer(handle, CURLOPT_READDATA, nil)
        }
        try check(CCurlShim_setopt_read_callback(handle, CurlCallbacks.read), CURLOPT_READFUNCTION)
        try check(
            CCurlShim_setopt_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(upload).toOpaque()),
            CURLOPT_READDATA
        )
        return perform()
    }

    /// Runs one transfer with the options set (a webhook POST: its body is a copied option).
    func perform() -> (outcome: CurlOutcome, detail: String) {
        errorBuffer[0] = 0
        let code = CCurlShim_easy_perform(handle)
        let text = String(cString: errorBuffer)
        let detail = text.isEmpty ? String(cString: CCurlShim_easy_strerror(code)) : text
        return (CurlOutcome(code), detail.trimmingLineEnd())
    }

    /// `CURLINFO_RESPONSE_CODE`: the last SMTP reply code of the transfer, 0 if none.
    var responseCode: Int {
        var code = 0
        return CCurlShim_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK ? code : 0
    }

    func check(_ code: CURLcode, _ option: CURLoption) throws(CurlSetupError) {
        guard code != CURLE_OK else { return }
        let reason = String(cString: CCurlShim_easy_strerror(code))
        throw CurlSetupError(description: "libcurl refused option \(option.rawValue): \(reason)")
    }
}

extension CurlOutcome {
    init(_ code: CURLcode) {
        switch code {
        case CURLE_OK: self = .ok
        case CURLE_COULDNT_RESOLVE_HOST: self = .couldNotResolve
        case CURLE_COULDNT_CONNECT: self = .couldNotConnect
        case CURLE_OPERATION_TIMEDOUT: self = .timedOut
        case CURLE_LOGIN_DENIED: self = .loginDenied
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_USE_SSL_FAILED,
            CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED:
            self = .tls
        default: self = .failed
        }
    }
}

extension String {
    fileprivate func trimmingLineEnd() -> String {
        var text = self
        while let last = text.last, last.isNewline { text.removeLast() }
        return text
    }
}

/// libcurl, opened and initialised (`curl_global_init`) once per process, when the first handle
/// is made: a process with nothing to send never loads it.
enum CurlLibrary {
    /// Why libcurl could not be loaded; nil once it is.
    private static let failure: String? = {
        var reason = [CChar](repeating: 0, count: 512)
        guard CCurlShim_load(&reason, reason.count) != 0 else { return nil }
        return String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    static func load() throws(CurlSetupError) {
        if let failure { throw CurlSetupError(description: failure) }
    }
}
