import Foundation

/// "Only one run works a profile at a time": an exclusive `flock` on `locks/profile-<id>.lock`
/// in the data folder. The kernel drops it when the holder exits or dies (kill -9, power loss),
/// so a crashed run never blocks the next one.
///
/// The lock belongs to the open file, not to the process: a waker that takes it can hand it to
/// the pass it starts (the descriptor inherited by the child), so that no other pass can slip in
/// between the two.
final class ProfileLock {
    /// The locked file; nil once handed over.
    private(set) var descriptor: Int32?

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        release()
    }

    /// Lets the lock go now (the end of its holder's turn).
    func release() {
        guard let descriptor else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        self.descriptor = nil
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
        let path = path(profileID: profileID, in: folder)
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

    /// Takes over the lock of `profileID` through `descriptor`, inherited from the waker that
    /// took it. Nil when `descriptor` is not that profile's lock file, or when the lock is no
    /// longer held through it (another run has it).
    static func adopt(descriptor: Int32, profileID: Int64, in folder: String) -> ProfileLock? {
        var inherited = stat()
        var expected = stat()
        guard fstat(descriptor, &inherited) == 0 else { return nil }
        guard stat(path(profileID: profileID, in: folder), &expected) == 0,
            inherited.st_dev == expected.st_dev, inherited.st_ino == expected.st_ino
        else {
            close(descriptor)
            return nil
        }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        // Locking again through the same open file keeps the lock it holds; through another, fails.
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return ProfileLock(descriptor: descriptor)
    }

    /// Closes this process's descriptor without unlocking: the pass that inherited the open
    /// file keeps the lock.
    func handOver() {
        guard let descriptor else { return }
        close(descriptor)
        self.descriptor = nil
    }

    private static func path(profileID: Int64, in folder: String) -> String {
        "\(folder)/profile-\(profileID).lock"
    }
}
