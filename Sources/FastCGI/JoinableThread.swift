import Glibc

/// A POSIX thread running a Swift closure, which can be waited for.
///
/// Foundation's `Thread` cannot be joined, and the server must know that every worker has finished
/// before it closes the listening socket.
struct JoinableThread {
    private let id: pthread_t

    /// Starts `body` on a new thread.
    static func start(_ body: @escaping @Sendable () -> Void) throws(FastCGIError) -> JoinableThread {
        let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var id = pthread_t()
        let code = pthread_create(&id, nil, ThreadEntry.run, context)
        guard code == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            throw .system(operation: "start", target: "a thread", errno: code)
        }
        return JoinableThread(id: id)
    }

    /// Starts `body` on a thread nobody waits for; it must live as long as the process.
    static func detach(_ body: @escaping @Sendable () -> Void) throws(FastCGIError) {
        let thread = try start(body)
        pthread_detach(thread.id)
    }

    /// Waits until the thread's closure has returned.
    func join() {
        pthread_join(id, nil)
    }
}

/// The closure a new thread runs, boxed so it can travel through `pthread_create`'s `void *`.
private final class ThreadBody: Sendable {
    let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }
}

/// The C entry point of every thread we start, kept in an enum so that no actor (such as the main
/// actor of a `main.swift`) ever claims it.
private enum ThreadEntry {
    static let run: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { context in
        Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().body()
        return nil
    }
}
