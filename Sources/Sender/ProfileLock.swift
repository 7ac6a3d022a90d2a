import Foundation

/// "Only one run works a profile at a time": an exclusive `flock` on `locks/profile-<id>.lock`
/// in the data folder. The kernel drops it when the holder exits or dies (kill -9, power loss),
/// so a crashed run never blocks the next one.
final class ProfileLock {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Takes the lock of `profileID` without waiting; nil when another run holds it.
    static func acquire(profileID: Int64, in folder: String) throws -> ProfileLock? {
        if !FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.createDirectory(
                atPath: folder,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        }
        let path = "\(folder)/profile-\(profileID).lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SenderError.lockFile(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(descriptor)
            if reason == EWOULDBLOCK { return nil }
            throw SenderError.lockFile(path: path, reason: String(cString: strerror(reason)))
        }
        return ProfileLock(descriptor: descriptor)
    }
}
