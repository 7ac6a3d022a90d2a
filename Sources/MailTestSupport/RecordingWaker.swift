public import Sender
import Synchronization

/// A `PassWaker` that starts nothing and remembers which profiles it was asked to wake, in
/// order: tests check that a priority letter wakes its profile and a regular one does not.
public final class RecordingWaker: PassWaker {
    private let woken = Mutex<[Int64]>([])

    public init() {}

    public func wake(profileID: Int64) {
        woken.withLock { $0.append(profileID) }
    }

    /// The profiles woken so far, one entry per wake-up.
    public var profiles: [Int64] { woken.withLock { $0 } }
}
