import Crypto
import Foundation

/// The 256-bit key in `data/secret.key` that seals SMTP passwords.
///
/// The file must exist with mode 0600 (owner read/write only); anything else stops the
/// program with a one-line reason, because a key others can read protects nothing.
public struct SecretKey: Sendable {
    /// The raw key bytes (`SymmetricKey` is not `Sendable` on Linux, so it is made on use).
    private let bytes: [UInt8]

    var key: SymmetricKey { SymmetricKey(data: bytes) }

    /// Why the key file cannot be used.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case missing(path: String)
        case unsafeMode(path: String, mode: String)
        case malformed(path: String)
        case unreadable(path: String, reason: String)

        public var description: String {
            switch self {
            case .missing(let path):
                "key file \(path) does not exist; run `mailrobot-admin init` first"
            case .unsafeMode(let path, let mode):
                "key file \(path) has mode \(mode); it must be 0600 (chmod 600 \(path))"
            case .malformed(let path):
                "key file \(path) is not a mailrobot key (expected 32 bytes in base64)"
            case .unreadable(let path, let reason):
                "key file \(path) cannot be read: \(reason)"
            }
        }
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A fresh random key (for tests; `create(at:)` for a real one).
    public static func random() -> SecretKey {
        SecretKey(bytes: RandomBytes.generate(32))
    }

    /// Loads the key, refusing a file that is missing, not 0600, or not a key.
    ///
    /// Plain `stat` and `read`: every run of the sender starts here, cron's idle minute included,
    /// and `FileManager`'s attributes look the owner's user and group names up besides.
    public static func load(from path: String) throws(Problem) -> SecretKey {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw errno == ENOENT
                ? .missing(path: path) : .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        let mode = Int(status.st_mode) & 0o777
        guard mode == 0o600 else {
            throw .unsafeMode(path: path, mode: "0" + String(mode, radix: 8))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        // A key file holds 45 bytes of base64; a much longer one is not a key.
        var contents = [UInt8](repeating: 0, count: 256)
        let count = contents.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        let text = String(decoding: contents[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: text), bytes.count == 32 else { throw .malformed(path: path) }
        return SecretKey(bytes: Array(bytes))
    }

    /// Writes a new random key to `path` with mode 0600, unless a file is already there.
    /// Returns true when it created one.
    @discardableResult
    public static func create(at path: String) throws -> Bool {
        let text = Data(RandomBytes.generate(32)).base64EncodedString() + "\n"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if descriptor < 0 {
            if errno == EEXIST { return false }
            throw Problem.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let written = text.utf8CString.withUnsafeBufferPointer { buffer in
            write(descriptor, buffer.baseAddress, buffer.count - 1)
        }
        guard written == text.utf8.count, fsync(descriptor) == 0 else {
            unlink(path)
            throw Problem.unreadable(path: path, reason: "could not write the key")
        }
        return true
    }
}
