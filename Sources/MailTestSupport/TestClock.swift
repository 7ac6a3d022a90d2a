public import Foundation
public import MailCore
import Synchronization

/// A clock the test moves by hand.
public final class TestClock: WallClock {
    private let moment: Mutex<Date>

    public init(_ start: Date = Fixtures.now) {
        moment = Mutex(start)
    }

    public func now() -> Date { moment.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        moment.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) {
        moment.withLock { $0 = date }
    }
}
