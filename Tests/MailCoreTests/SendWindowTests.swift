import Foundation
import MailCore
import MailTestSupport
import Testing

@Suite struct SendWindowTests {
    private let now = Fixtures.now

    private func record(_ offset: TimeInterval, priority: Bool = false) -> SendRecord {
        SendRecord(at: now.addingTimeInterval(offset), isPriority: priority)
    }

    @Test func countsSendsInTheLastTwentyFourHoursByClass() {
        let window = SendWindow(
            history: [record(-60, priority: true), record(-3600), record(-7200), record(0, priority: true)],
            now: now
        )
        #expect(window.priorityCount == 2)
        #expect(window.regularCount == 2)
        #expect(window.count == 4)
    }

    /// The window is (now − 24 h, now]: open at its start, closed at its end.
    @Test(arguments: [
        (-SendWindow.length, false), (-SendWindow.length + 1, true), (0, true), (1, false),
    ])
    func edges(offset: TimeInterval, counts: Bool) {
        #expect(SendWindow(history: [record(offset)], now: now).count == (counts ? 1 : 0))
    }
}
