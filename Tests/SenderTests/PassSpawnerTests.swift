import Foundation
import Logging
import MailTestSupport
import Testing

@testable import Sender

/// The real waker: a detached process that holds the profile's lock, and nothing else of ours.
@Suite struct PassSpawnerTests {
    let folder = TemporaryDirectory()

    /// A stand-in for `mailrobot-send run`: it ignores its arguments and keeps what it inherited
    /// for a while (a script only here; the product starts the binary itself).
    private func pass(seconds: Int) throws -> String {
        let path = folder.file("pass.sh")
        try "#!/bin/sh\nexec sleep \(seconds)\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    private func spawner(_ executable: String) -> PassSpawner {
        PassSpawner(
            executable: executable,
            dataFolder: folder.path,
            locksFolder: folder.file("locks"),
            keepsErrorOutput: false,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
    }

    private func lockIsFree(profileID: Int64) throws -> Bool {
        try ProfileLock.acquire(profileID: profileID, in: folder.file("locks")) != nil
    }

    private func stop(_ pid: pid_t) {
        kill(pid, SIGKILL)
        for _ in 0..<100 where kill(pid, 0) == 0 { usleep(20_000) }
    }

    @Test func thePassHoldsTheLockAndABurstStartsNothingMore() throws {
        let spawner = spawner(try pass(seconds: 30))
        let pid = try #require(spawner.start(profileID: 7))
        defer { stop(pid) }
        #expect(try !lockIsFree(profileID: 7), "the started pass holds the profile's lock")
        for _ in 0..<1000 { #expect(spawner.start(profileID: 7) == nil) }
        #expect(try lockIsFree(profileID: 8), "another profile's lock is its own")
    }

    @Test func thePassInheritsOnlyItsStandardStreamsAndTheLock() throws {
        let unrelated = open(folder.file("unrelated"), O_RDWR | O_CREAT, 0o600)
        defer { close(unrelated) }
        let pid = try #require(spawner(try pass(seconds: 30)).start(profileID: 1))
        defer { stop(pid) }
        var descriptors: [String] = []
        for _ in 0..<100 {
            descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
            if descriptors.sorted() == ["0", "1", "2", "3"] { break }
            usleep(20_000)
        }
        #expect(descriptors.sorted() == ["0", "1", "2", "3"])
        let lock = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/3")
        #expect(lock == folder.file("locks/profile-1.lock"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/1") == "/dev/null")
    }

    @Test func theLockIsFreeAgainWhenThePassEnds() throws {
        let pid = try #require(spawner(try pass(seconds: 30)).start(profileID: 3))
        stop(pid)
        var free = false
        for _ in 0..<100 where !free {
            free = try lockIsFree(profileID: 3)
            if !free { usleep(20_000) }
        }
        #expect(free)
    }

    @Test func aMissingBinaryStartsNothingAndLeavesTheLockFree() throws {
        #expect(spawner(folder.file("no-such-binary")).start(profileID: 2) == nil)
        #expect(try lockIsFree(profileID: 2), "cron takes over")
    }
}
