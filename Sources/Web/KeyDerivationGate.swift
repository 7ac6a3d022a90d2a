import Synchronization

/// At most `capacity` password key derivations at once. Each login costs a deliberately slow
/// PBKDF2 (about 0.1–0.3 s of a core); without a bound, a flood of login POSTs would hold every
/// FastCGI worker thread and the API and the other pages would wait behind it. A login that finds
/// the gate full is answered 503 at once instead of queueing (`LoginController`).
public final class KeyDerivationGate: Sendable {
    /// How many derivations may run at once.
    public let capacity: Int
    private let running = Mutex(0)

    public init(capacity: Int) {
        precondition(capacity >= 1, "a gate that never opens")
        self.capacity = capacity
    }

    /// The gate of a server with `threads` worker threads: two threads are always left to the
    /// other requests, and one derivation may run even on a server of one or two threads.
    public convenience init(workerThreads threads: Int) {
        self.init(capacity: Self.capacity(workerThreads: threads))
    }

    /// `threads − 2`, at least 1.
    public static func capacity(workerThreads threads: Int) -> Int {
        max(1, threads - 2)
    }

    /// Runs `body` when a place is free and returns its result; nil at once when all are taken.
    func ifFree<T>(_ body: () throws -> T) rethrows -> T? {
        guard enter() else { return nil }
        defer { leave() }
        return try body()
    }

    /// Takes a place; false when all `capacity` are taken. Every true needs one `leave()`.
    func enter() -> Bool {
        running.withLock { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
    }

    /// Gives back a place taken by `enter()`.
    func leave() {
        running.withLock { count in
            precondition(count > 0, "leaving a gate nobody entered")
            count -= 1
        }
    }
}
