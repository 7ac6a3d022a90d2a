import CCurl
import CCurlShim
import MailCore

/// Lets libcurl connect only to public addresses, unless the profile allows private hosts: the
/// decision is made on the address libcurl is about to open a socket to (after DNS), through
/// `CURLOPT_OPENSOCKETFUNCTION`, so a public name that resolves to 127.0.0.1 is refused as surely
/// as the literal, and nothing at all reaches a refused address (not even a TCP handshake).
///
/// One guard per session; `CurlEasy` is handed an unretained pointer to it and the session keeps
/// it alive for as long as the handle lives.
final class AddressGuard {
    private let allowsPrivate: Bool
    private let recorder: DialogueRecorder
    /// Of the letter in progress: the first address refused, and how many were let through.
    private var refused: (address: String, scope: AddressScope)?
    private var admitted = 0

    init(allowsPrivate: Bool, recorder: DialogueRecorder) {
        self.allowsPrivate = allowsPrivate
        self.recorder = recorder
    }

    /// Starts a letter: nothing refused or admitted yet.
    func beginLetter() {
        refused = nil
        admitted = 0
    }

    /// The failure of a letter whose connection failed because every address was refused, if so.
    func failure(after outcome: CurlOutcome) -> SMTPFailure? {
        guard outcome == .couldNotConnect, admitted == 0, let refused else { return nil }
        return .addressNotAllowed(address: refused.address, scope: refused.scope)
    }

    /// Whether libcurl may connect to `address`; a refusal is noted in the transcript.
    fileprivate func admits(_ address: UnsafePointer<curl_sockaddr>) -> Bool {
        var bytes = [UInt8](repeating: 0, count: 16)
        let count = CCurlShim_sockaddr_bytes(address, &bytes)
        let scope = AddressScope(addressBytes: Array(bytes.prefix(count))) ?? .reserved
        if allowsPrivate || scope.isPublic {
            admitted += 1
            return true
        }
        var text = [CChar](repeating: 0, count: 64)
        CCurlShim_sockaddr_text(address, &text, text.count)
        let shown = text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        if refused == nil { refused = (shown.isEmpty ? "(not an IP address)" : shown, scope) }
        recorder.note("not connecting to \(shown): \(scope.words.en); the profile does not allow private hosts")
        return false
    }

    /// `CURLOPT_OPENSOCKETFUNCTION`: a socket for an admitted address, `CURL_SOCKET_BAD` for a
    /// refused one (libcurl then tries the host's next address, or fails with
    /// `CURLE_COULDNT_CONNECT`).
    static let openSocket: CCurlShim_opensocket_callback = { clientp, _, address in
        guard let clientp, let address else { return CURL_SOCKET_BAD }
        let addressGuard = Unmanaged<AddressGuard>.fromOpaque(clientp).takeUnretainedValue()
        guard addressGuard.admits(address) else { return CURL_SOCKET_BAD }
        return CCurlShim_open_socket(address)
    }
}

extension CurlEasy {
    /// Has every connection of this handle pass `addressGuard` first.
    func connect(through addressGuard: AddressGuard) throws(CurlSetupError) {
        try check(
            CCurlShim_setopt_opensocket_callback(handle, AddressGuard.openSocket),
            CURLOPT_OPENSOCKETFUNCTION
        )
        try check(
            CCurlShim_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, Unmanaged.passUnretained(addressGuard).toOpaque()),
            CURLOPT_OPENSOCKETDATA
        )
    }
}
