import CCurl
import CCurlShim
import Foundation

extension CurlSMTPTransport {
    /// Why the extra CA file cannot be used.
    public enum CAFileError: Error, Equatable, CustomStringConvertible {
        case unreadable(path: String)
        case noCertificate(path: String)

        public var description: String {
            switch self {
            case .unreadable(let path): "cannot read the CA file \(path)"
            case .noCertificate(let path): "the CA file \(path) holds no PEM certificate"
            }
        }
    }
}

/// The certificates libcurl trusts when an extra CA file is configured.
///
/// `CURLOPT_CAINFO` would *replace* the system bundle, so the extra certificates are appended to
/// the system bundle (the file libcurl uses by default, `CURLINFO_CAINFO`) and handed over in
/// memory with `CURLOPT_CAINFO_BLOB`: no temporary file to create, protect and remove, and the
/// result is the same whether a libcurl version loads the blob instead of the default file or
/// besides it. libcurl's default CA folder (`CURLOPT_CAPATH`) stays in use either way.
///
/// The extra file is read and checked when the transport is made (a wrong `--ca-file` is a
/// one-line error at start); the system bundle, and libcurl with it, only when a session opens.
enum CABundle {
    /// The PEM certificates in `path`.
    static func extraCertificates(at path: String) throws(CurlSMTPTransport.CAFileError) -> [UInt8] {
        guard let extra = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        guard String(decoding: extra, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw .noCertificate(path: path)
        }
        return Array(extra)
    }

    /// The system bundle followed by `extra`.
    static func systemStore(adding extra: [UInt8]) -> [UInt8] {
        let system = defaultFile.flatMap { FileManager.default.contents(atPath: $0) } ?? Data()
        return Array(system) + Array("\n".utf8) + extra + Array("\n".utf8)
    }

    /// The CA bundle file libcurl was built to use (`/etc/ssl/certs/ca-certificates.crt` on Debian).
    private static var defaultFile: String? {
        guard (try? CurlLibrary.load()) != nil, let handle = CCurlShim_easy_init() else { return nil }
        defer { CCurlShim_easy_cleanup(handle) }
        var path: UnsafePointer<CChar>?
        guard CCurlShim_getinfo_string(handle, CURLINFO_CAINFO, &path) == CURLE_OK, let path else { return nil }
        return String(cString: path)
    }
}
