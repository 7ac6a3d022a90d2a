import Foundation
import MailCore
import Testing

/// The form's warning about a priority share that stops one class of letters for good.
@Suite struct ProfileLimitsTests {
    private func limits(max: Int, priority: Int) -> ProfileLimits {
        ProfileLimits(maxPerDay: max, intervalMinutes: 5, batchSize: 10, priorityPerDay: priority)
    }

    @Test func zeroLeavesPriorityLettersNoRoom() throws {
        let warning = try #require(limits(max: 100, priority: 0).priorityShareWarning)
        #expect(warning.ru.contains("приоритетные письма"))
        #expect(warning.en.contains("priority letters"))
    }

    @Test func theWholeMaximumLeavesRegularLettersNoRoom() throws {
        let warning = try #require(limits(max: 100, priority: 100).priorityShareWarning)
        #expect(warning.ru.contains("обычным письмам"))
    }

    @Test(arguments: [1, 20, 99])
    func aShareBetweenWarnsOfNothing(_ priority: Int) {
        #expect(limits(max: 100, priority: priority).priorityShareWarning == nil)
    }
}
