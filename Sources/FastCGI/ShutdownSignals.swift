import Glibc
import Synchronization

/// Turns SIGTERM, SIGINT and SIGUSR1 into `stop()` on every server running in the process.
///
/// `FCGX_Init` installs handlers that only set a flag, which threads blocked in `accept` never look at,
/// so the process would never stop. While at least one server runs, these handlers replace them: the handler only
/// writes a byte to a pipe (async-signal-safe), and a watcher thread reads it and stops the servers.
/// The handlers found before come back when the last server stops, and at the first signal, so that a
/// second signal acts as it did before (it ends a process whose requests do not finish).
enum ShutdownSignals {
    static let signals: [Int32] = [SIGTERM, SIGINT, SIGUSR1]

    private struct State {
        var stops: [ObjectIdentifier: @Sendable () -> Void] = [:]
        var previous: [Int32: sigaction]?
        var watching = false
    }

    private static let state = Mutex(State())

    /// The pipe from the handler to the watcher; its write end never blocks.
    private static let pipe: (read: Int32, write: Int32) = {
        var ends: [Int32] = [-1, -1]
        precondition(Glibc.pipe(&ends) == 0, "pipe failed: errno \(errno)")
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFL, O_NONBLOCK)
        return (ends[0], ends[1])
    }()

    /// The signal handler: one `write`, keeping `errno` as it was.
    private static let handler: @convention(c) (Int32) -> Void = { _ in
        let saved = errno
        var byte: UInt8 = 1
        _ = write(pipe.write, &byte, 1)
        errno = saved
    }

    /// Calls `stop` on the next SIGTERM, SIGINT or SIGUSR1, until `unregister(_:)`.
    static func register(_ id: ObjectIdentifier, stop: @escaping @Sendable () -> Void) throws(FastCGIError) {
        _ = pipe
        try state.withLock { state throws(FastCGIError) in
            if !state.watching {
                try JoinableThread.detach(watch)
                state.watching = true
            }
            if state.previous == nil {
                state.previous = install()
            }
            state.stops[id] = stop
        }
    }

    /// Forgets a server; the previous handlers come back when it was the last one.
    static func unregister(_ id: ObjectIdentifier) {
        state.withLock { state in
            state.stops[id] = nil
            if state.stops.isEmpty { restore(&state) }
        }
    }

    /// Runs for the life of the process, blocked in `read` between signals.
    private static func watch() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(pipe.read, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            let stops = state.withLock { state in
                restore(&state)
                return Array(state.stops.values)
            }
            for stop in stops { stop() }
        }
    }

    private static func install() -> [Int32: sigaction] {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        var previous: [Int32: sigaction] = [:]
        for signal in signals {
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous[signal] = old
        }
        return previous
    }

    private static func restore(_ state: inout State) {
        guard let previous = state.previous else { return }
        for (signal, var old) in previous {
            sigaction(signal, &old, nil)
        }
        state.previous = nil
    }
}
