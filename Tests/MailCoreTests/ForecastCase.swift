import Foundation
import MailCore
import MailTestSupport
import Testing

/// A waiting letter of a forecast test.
struct TestLetter: Sendable {
    var id: Int64
    var profile: Int64
    var isPriority: Bool
    /// Its next attempt: due now when at or before the case's start.
    var dueAt: Date
    var kind: ForecastSource.Kind = .movable

    var source: ForecastSource { ForecastSource(profileID: profile, kind: kind) }
    var key: QueueKey { QueueKey(nextAttemptAt: dueAt, id: id) }
}

/// The queue's order over listed letters: what the store answers in the product.
struct ListedOrder: QueueOrder {
    private var keys: [ForecastSource: [Bool: [QueueKey]]] = [:]

    init(_ letters: [TestLetter]) {
        for letter in letters { keys[letter.source, default: [:]][letter.isPriority, default: []].append(letter.key) }
        for (source, classes) in keys { keys[source] = classes.mapValues { $0.sorted() } }
    }

    private func members(_ source: ForecastSource, _ isPriority: Bool) -> [QueueKey] {
        keys[source]?[isPriority] ?? []
    }

    func count(before key: QueueKey, in source: ForecastSource, isPriority: Bool) -> Int {
        let sorted = members(source, isPriority)
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func count(after key: QueueKey, in source: ForecastSource, isPriority: Bool, limit: Int) -> Int {
        let sorted = members(source, isPriority)
        return min(
            limit,
            sorted.count - count(before: key, in: source, isPriority: isPriority) - (sorted.contains(key) ? 1 : 0)
        )
    }

    func key(at index: Int, merging tails: [(source: ForecastSource, offset: Int)], isPriority: Bool) -> QueueKey? {
        let merged = tails.flatMap { members($0.source, isPriority).dropFirst($0.offset) }.sorted()
        return index < merged.count ? merged[index] : nil
    }
}

/// Profiles and their waiting letters, forecast by `QueueForecast` and, for comparison, run
/// minute by minute the way `QueueRun` runs them: the passes `ReserveRoute` names, each planned by
/// `ReservePlanner.plan` with the letters a carrier takes (its own; its borrowers' movable ones
/// and those held for it).
struct ForecastCase: Sendable, CustomTestStringConvertible {
    var name: String
    var profiles: [ForecastProfile]
    var letters: [TestLetter]
    var start = Fixtures.now

    var testDescription: String { name }

    /// One profile (id 1) with letters falling due at the given moments, in the queue's order.
    static func single(
        _ name: String,
        limits: ProfileLimits,
        state: ProfileState = .ok,
        history: [SendRecord] = [],
        lastRegularBatchAt: Date? = nil,
        priority: [Date] = [],
        regular: [Date] = [],
        start: Date = Fixtures.now
    ) -> ForecastCase {
        let profile = ForecastProfile(
            id: 1,
            limits: limits,
            state: state,
            history: history,
            lastRegularBatchAt: lastRegularBatchAt
        )
        var letters: [TestLetter] = []
        for (isPriority, times) in [(true, priority), (false, regular)] {
            for time in times {
                letters.append(
                    TestLetter(id: Int64(letters.count + 1), profile: 1, isPriority: isPriority, dueAt: time)
                )
            }
        }
        return ForecastCase(name: name, profiles: [profile], letters: letters, start: start)
    }

    func forecast() throws -> QueueForecast {
        var queues: [ForecastSource: WaitingQueue] = [:]
        for letter in letters {
            if letter.dueAt <= start {
                queues[letter.source, default: WaitingQueue()][letter.isPriority].due += 1
            } else {
                queues[letter.source, default: WaitingQueue()][letter.isPriority].later[letter.dueAt, default: 0] += 1
            }
        }
        return try QueueForecast(profiles: profiles, letters: queues, order: ListedOrder(letters), now: start)
    }

    /// Every letter's send time, by id, from a run at every cron minute for `days` days; a letter
    /// still waiting then has none.
    func stepByStep(days: Int) -> [Int64: Date] {
        var sent: [Int64: Date] = [:]
        var history = Dictionary(uniqueKeysWithValues: profiles.map { ($0.id, $0.history) })
        var lastRegular = Dictionary(uniqueKeysWithValues: profiles.map { ($0.id, $0.lastRegularBatchAt) })
        let links = Dictionary(
            uniqueKeysWithValues: profiles.map { ($0.id, ReserveLink(state: $0.state, reserveID: $0.reserveID)) }
        )
        var waiting = letters.sorted { $0.key < $1.key }
        let first = Int((start.timeIntervalSince1970 / 60).rounded(.up))
        for runMinute in first..<(first + days * 1440) where !waiting.isEmpty {
            let time = Date(timeIntervalSince1970: Double(runMinute) * 60)
            // The waiting letters are in the queue's order: the due ones come first.
            let due = waiting.prefix { $0.dueAt <= time }
            guard !due.isEmpty else { continue }
            var withWork: Set<Int64> = []
            for letter in due {
                if case .via(let reserve) = letter.kind {
                    withWork.insert(reserve)
                } else {
                    withWork.insert(letter.profile)
                }
            }
            for carrier in ReserveRoute.passes(for: withWork.sorted(), links: links, now: time) {
                guard let profile = profiles.first(where: { $0.id == carrier }) else { continue }
                let borrowers = Set(ReserveRoute.borrowers(of: carrier, links: links, now: time))
                func isOwn(_ letter: TestLetter) -> Bool {
                    if case .via = letter.kind { return false }
                    return letter.profile == carrier
                }
                func isBorrowed(_ letter: TestLetter) -> Bool {
                    switch letter.kind {
                    case .movable: borrowers.contains(letter.profile)
                    case .fixed: false
                    case .via(let reserve): reserve == carrier
                    }
                }
                func planned(_ taken: @escaping (TestLetter) -> Bool) -> [DueLetter] {
                    [true, false].flatMap { isPriority in
                        due.lazy.filter { $0.isPriority == isPriority && taken($0) }
                            .prefix(profile.limits.batchSize + 1)
                            .map { DueLetter(id: $0.id, isPriority: isPriority) }
                    }
                }
                let plan = ReservePlanner.plan(
                    limits: profile.limits,
                    state: profile.state,
                    history: history[carrier] ?? [],
                    lastRegularBatchAt: lastRegular[carrier] ?? nil,
                    own: planned(isOwn),
                    borrowed: planned(isBorrowed),
                    now: time
                )
                for letter in plan.letters {
                    sent[letter.id] = time
                    history[carrier, default: []].append(SendRecord(at: time, isPriority: letter.isPriority))
                }
                if plan.startsRegularBatch { lastRegular[carrier] = time }
                history[carrier]?.removeAll { $0.at <= time.addingTimeInterval(-SendWindow.length) }
            }
            if sent.count > letters.count - waiting.count { waiting.removeAll { sent[$0.id] != nil } }
        }
        return sent
    }
}
