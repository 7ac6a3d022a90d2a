import Foundation
public import Logging

/// The real `PassWaker`: it takes the profile's lock without waiting and, when it gets it,
/// starts `mailrobot-send run --profile ID` detached (posix_spawn, no shell), handing the lock
/// to the new process as its descriptor 3 so that no other pass can come in between.
///
/// When the lock is taken, a pass is at work and picks the new letter up before it ends (see
/// `ProfilePass`), so nothing is started: a burst of priority letters starts at most one pass
/// per profile at a time, never a process per letter. Regular letters never come here.
public struct PassSpawner: PassWaker {
    let executable: String
    let dataFolder: String
    let locksFolder: String
    let extraArguments: [String]
    let keepsErrorOutput: Bool
    let logger: Logger

    /// - Parameters:
    ///   - executable: the `mailrobot-send` binary.
    ///   - dataFolder: `--data` for the pass; `locksFolder` its `locks/`.
    ///   - extraArguments: options the pass needs besides (`--ca-file PATH`); the environment is
    ///     passed on as it is (`MAILROBOT_CA_FILE`, `MAILROBOT_SMTP_TIMEOUT`, `MAILROBOT_LOG_LEVEL`).
    ///   - keepsErrorOutput: the pass writes its problems to this process's stderr (the server's
    ///     log); false sends them nowhere (a CLI caller may be reading our stderr to its end,
    ///     and must not wait for the pass). They are in the journal either way.
    public init(
        executable: String,
        dataFolder: String,
        locksFolder: String,
        extraArguments: [String] = [],
        keepsErrorOutput: Bool,
        logger: Logger
    ) {
        self.executable = executable
        self.dataFolder = dataFolder
        self.locksFolder = locksFolder
        self.extraArguments = extraArguments
        self.keepsErrorOutput = keepsErrorOutput
        self.logger = logger
    }

    /// The descriptor the started pass finds its profile's lock on.
    static let lockDescriptor: Int32 = 3

    public func wake(profileID: Int64) {
        _ = start(profileID: profileID)
    }

    /// Starts the pass unless the lock is taken; its process id, or nil when nothing started.
    func start(profileID: Int64) -> pid_t? {
        let lock: ProfileLock?
        do {
            lock = try ProfileLock.acquire(profileID: profileID, in: locksFolder)
        } catch {
            logger.error(
                "cannot wake the profile's pass",
                metadata: ["profile.id": "\(profileID)", "error": "\(error)"]
            )
            return nil
        }
        // Taken: the pass that holds it picks the letter up.
        guard let lock, let descriptor = lock.descriptor else { return nil }
        do {
            let pid = try spawn(profileID: profileID, lock: descriptor)
            lock.handOver()
            logger.info("pass started", metadata: ["profile.id": "\(profileID)", "pid": "\(pid)"])
            Self.reap(pid)
            return pid
        } catch {
            lock.release()
            logger.error(
                "cannot start the profile's pass",
                metadata: ["profile.id": "\(profileID)", "error": "\(error)"]
            )
            return nil
        }
    }

    private func spawn(profileID: Int64, lock: Int32) throws -> pid_t {
        let arguments =
            [executable, "run", "--profile", String(profileID), "--lock-fd", String(Self.lockDescriptor)]
            + ["--data", dataFolder] + extraArguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // A copy above 3, so that dup2 onto 3 always makes a new descriptor the pass inherits.
        let copy = fcntl(lock, F_DUPFD_CLOEXEC, 10)
        guard copy >= 0 else { throw SenderError.spawn(path: executable, reason: String(cString: strerror(errno))) }
        defer { close(copy) }
        try check(posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0))
        try check(posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0))
        if !keepsErrorOutput { try check(posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)) }
        try check(posix_spawn_file_actions_adddup2(&actions, copy, Self.lockDescriptor))
        // Nothing else of this process goes with it (a server's sockets above all).
        guard let closeFrom = Self.addCloseFrom else {
            throw SenderError.spawn(path: executable, reason: "posix_spawn_file_actions_addclosefrom_np is missing")
        }
        try check(closeFrom(&actions, Self.lockDescriptor + 1))

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group (a Ctrl-C meant for the server does not reach it), no blocked
        // signals, and the usual handlers for those a server catches.
        var none = sigset_t()
        sigemptyset(&none)
        var caught = sigset_t()
        sigemptyset(&caught)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGPIPE] { sigaddset(&caught, signal) }
        try check(posix_spawnattr_setsigmask(&attributes, &none))
        try check(posix_spawnattr_setsigdefault(&attributes, &caught))
        try check(posix_spawnattr_setpgroup(&attributes, 0))
        try check(
            posix_spawnattr_setflags(
                &attributes,
                Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
            )
        )

        let argv = arguments.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard code == 0 else { throw SenderError.spawn(path: executable, reason: String(cString: strerror(code))) }
        return pid
    }

    private func check(_ code: Int32) throws {
        guard code == 0 else { throw SenderError.spawn(path: executable, reason: String(cString: strerror(code))) }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift does not see
    /// (it is declared for `_GNU_SOURCE` only).
    private static let addCloseFrom: AddCloseFrom? = dlsym(
        UnsafeMutableRawPointer(bitPattern: 0),
        "posix_spawn_file_actions_addclosefrom_np"
    ).map { unsafeBitCast($0, to: AddCloseFrom.self) }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// Waits for the pass on a thread of its own, so that it leaves no zombie behind in a
    /// long-lived caller (the panel's server); a short-lived one exits first and leaves it to init.
    private static func reap(_ pid: pid_t) {
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        }
    }
}
