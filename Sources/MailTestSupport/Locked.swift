import class Foundation.NSLock

/// A value shared by test threads, guarded by an `NSLock` (a pthread mutex).
///
/// Tests that run under ThreadSanitizer (`make tsan`) use it instead of `Synchronization.Mutex`:
/// on Linux a contended `Mutex` is handed over inside the kernel, out of ThreadSanitizer's sight,
/// which then reports races that are not there.
///
/// `@unchecked Sendable`: `value` is touched only with `lock` held.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        try lock.withLock { try body(&value) }
    }
}
