internal import CFastCGI
import Glibc
public import HTTPCore
public import Logging
import Synchronization

/// A FastCGI server: the web server (nginx) hands it requests, worker threads answer them with a handler.
///
/// Each worker thread owns one libfcgi request and serves one request at a time, so `threads` requests
/// are served at once and a slow handler holds up only its own thread. `run()` blocks until `stop()`,
/// SIGTERM, SIGINT or SIGUSR1; requests in progress are finished first, then the unix socket file is
/// removed.
///
/// ```swift
/// let server = try FastCGIServer(listenOn: "/var/lib/mailrobot/mailrobot.sock", threads: 8, handler: app)
/// try server.run()
/// ```
/// - SeeAlso: libfcgi's `fcgiapp.h`.
public final class FastCGIServer: Sendable {
    /// The unix socket path, or `HOST:PORT` as bound (with the real port when port 0 was asked for).
    public let boundAddress: String

    let handler: any HTTPHandler
    let maxBodyBytes: Int
    let logger: Logger
    private let threads: Int
    let socket: ListeningSocket
    private let phase = Mutex(Phase.ready)

    private enum Phase {
        case ready, running, stopping, finished
    }

    /// Opens the listening socket; nothing is served until `run()`.
    ///
    /// - Parameters:
    ///   - address: a unix socket path (`data/mailrobot.sock`), or `HOST:PORT` with the host given
    ///     (`127.0.0.1:9001`; `:9001` is refused because it would listen on every interface). A socket
    ///     file left by a server that died is replaced; a live server's socket, or any other file at the
    ///     path, makes this throw.
    ///   - threads: how many requests are served at once (1–256).
    ///   - maxBodyBytes: the largest request body accepted; a larger one gets 413 and the handler is not
    ///     called.
    ///   - socketMode: the unix socket's permissions: owner read-write, optionally the group's, never
    ///     others' (default `0o660`).
    ///   - socketGroup: a group to give the unix socket to, so the web server's group can connect.
    ///   - handler: answers every request, from several threads at once.
    ///   - logger: where start, stop and failures are reported; none by default.
    /// - Throws: `FastCGIError`.
    public init(
        listenOn address: String,
        threads: Int,
        maxBodyBytes: Int = 1 << 20,
        socketMode: Int = 0o660,
        socketGroup: String? = nil,
        handler: any HTTPHandler,
        logger: Logger? = nil
    ) throws {
        guard (1...256).contains(threads) else {
            throw FastCGIError.invalidSetting("threads must be from 1 to 256, not \(threads)")
        }
        guard maxBodyBytes >= 0 else {
            throw FastCGIError.invalidSetting("the body limit cannot be negative")
        }
        guard socketMode & ~0o770 == 0, socketMode & 0o600 == 0o600 else {
            throw FastCGIError.invalidSetting(
                "socket mode \(String(socketMode, radix: 8)) must give the owner read-write and others nothing"
            )
        }
        try LibFCGI.initialize()
        let listenAddress = try ListenAddress(parsing: address)
        socket = try ListeningSocket.open(listenAddress, mode: socketMode, group: socketGroup)
        boundAddress = socket.boundAddress
        self.threads = threads
        self.maxBodyBytes = maxBodyBytes
        self.handler = handler
        self.logger = logger ?? Logger(label: "mailrobot.fastcgi", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    deinit {
        let neverRan = phase.withLock { $0 != .finished }
        if neverRan { socket.close() }
    }

    /// Serves requests until `stop()` or a SIGTERM, SIGINT or SIGUSR1, then removes the unix socket file.
    ///
    /// Returns once every request in progress has been answered. A server runs once.
    /// - Throws: `FastCGIError` when it has run already or a thread cannot be started.
    public func run() throws {
        let start = try phase.withLock { phase throws(FastCGIError) -> Bool in
            switch phase {
            case .ready: phase = .running
            case .stopping: phase = .finished
            case .running, .finished: throw .alreadyRun
            }
            return phase == .running
        }
        guard start else {
            socket.close()
            return
        }
        let id = ObjectIdentifier(self)
        do {
            try ShutdownSignals.register(id) { [self] in stop() }
        } catch {
            finish()
            throw error
        }
        var workers: [JoinableThread] = []
        var startFailure: (any Error)?
        for _ in 0..<threads {
            do {
                workers.append(try JoinableThread.start { [self] in work() })
            } catch {
                startFailure = error
                stop()
                break
            }
        }
        if startFailure == nil {
            logger.info("serving FastCGI", metadata: ["address": "\(boundAddress)", "threads": "\(threads)"])
        }
        for worker in workers { worker.join() }
        ShutdownSignals.unregister(id)
        finish()
        if let startFailure { throw startFailure }
    }

    /// Stops accepting requests; `run()` returns once those in progress are answered. Safe from any thread.
    public func stop() {
        phase.withLock { phase in
            switch phase {
            case .ready:
                phase = .stopping
            case .running:
                phase = .stopping
                socket.shutdownAccepting()
            case .stopping, .finished:
                break
            }
        }
    }

    var isStopping: Bool {
        phase.withLock { $0 != .running }
    }

    private func finish() {
        phase.withLock { phase in
            phase = .finished
            socket.close()
        }
        logger.info("stopped serving FastCGI", metadata: ["address": "\(boundAddress)"])
    }
}

/// libfcgi's process-wide set-up, done once.
private enum LibFCGI {
    private static let result: Int32 = {
        let result = FCGX_Init()
        // A web server that goes away mid-answer must only end that answer (writes then fail with EPIPE).
        signal(SIGPIPE, SIG_IGN)
        return result
    }()

    static func initialize() throws(FastCGIError) {
        guard result == 0 else { throw .libraryInit(code: result) }
    }
}
