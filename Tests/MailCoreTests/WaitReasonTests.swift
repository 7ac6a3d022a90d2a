import Foundation
import MailCore
import Testing

/// A check's refusal in words: the limit that holds the test letter and when it frees up.
@Suite struct WaitReasonTests {
    let limits = ProfileLimits(maxPerDay: 300, intervalMinutes: 5, batchSize: 10, priorityPerDay: 20)
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let time: (Date) -> String = { "t\(Int($0.timeIntervalSince1970))" }

    @Test func aUsedUpPriorityShareNamesItsNumbersAndTheMoment() {
        let until = now.addingTimeInterval(600)
        let words = WaitReason.priorityShareUsed(until: until).priorityRefusal(limits, now: now, time: time)
        #expect(words.ru.contains("Исчерпан лимит «Кол-во приоритетных сообщений в сутки»: 20 из 20"))
        #expect(words.ru.contains("в \(time(until))"))
        #expect(words.en.contains("20 of 20") && words.en.contains(time(until)))
    }

    @Test(arguments: [WaitReason.priorityShareUsed(until: nil), .dailyLimit(until: nil)])
    func theEnglishWordsNameTheEnglishLabels(_ reason: WaitReason) {
        let words = reason.priorityRefusal(limits, now: now, time: time)
        #expect(words.en.contains("Priority letters per day") || words.en.contains("Maximum letters per day"))
        #expect(words.en.contains("“Limits” tab"))
        #expect(!words.en.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "no Russian: \(words.en)")
    }

    @Test func aZeroShareSaysNothingEverGoes() {
        let zero = ProfileLimits(maxPerDay: 300, intervalMinutes: 5, batchSize: 10, priorityPerDay: 0)
        let words = WaitReason.priorityShareUsed(until: nil).priorityRefusal(zero, now: now, time: time)
        #expect(words.ru.contains("равно 0"))
        #expect(!words.ru.contains("можно будет"))
    }

    @Test func theDailyMaximumNamesItsNumbersAndTheMoment() {
        let until = now.addingTimeInterval(60)
        let words = WaitReason.dailyLimit(until: until).priorityRefusal(limits, now: now, time: time)
        #expect(words.ru.contains("«Максимальное кол-во отправок сообщений в сутки»: 300 из 300"))
        #expect(words.ru.contains(time(until)))
    }
}
