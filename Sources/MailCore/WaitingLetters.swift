public import struct Foundation.Date

/// The letters of one class (priority or regular) of a group of waiting letters (`ForecastSource`),
/// as counts: how many are due now, and how many become due later (retries wait for their
/// `next_attempt_at`).
///
/// The queue sends a class's letters in the order of their next attempt, then their id
/// (`QueueKey`): the due ones first.
public struct WaitingLetters: Sendable, Equatable {
    /// Letters whose next attempt is at or before now.
    public var due: Int
    /// Letters whose next attempt is later: that moment, and how many have it.
    public var later: [Date: Int]

    public init(due: Int = 0, later: [Date: Int] = [:]) {
        self.due = due
        self.later = later
    }

    /// Every waiting letter of the class.
    public var total: Int { due + later.values.reduce(0, +) }
}

extension WaitingLetters {
    /// The letters after the first `count` in the queue's order (the due ones first, then by the
    /// moment they fall due): what is left once they have gone.
    public func dropping(_ count: Int) -> WaitingLetters {
        var rest = max(0, count)
        var tail = WaitingLetters(due: due - min(rest, due))
        rest -= min(rest, due)
        for at in later.keys.sorted() {
            let letters = later[at] ?? 0
            if letters > rest { tail.later[at] = letters - rest }
            rest -= min(rest, letters)
        }
        return tail
    }

    /// The letters that are not in `part`, a part of these.
    public func removing(_ part: WaitingLetters) -> WaitingLetters {
        var rest = WaitingLetters(due: due - part.due)
        for (at, count) in later where count > part.later[at] ?? 0 { rest.later[at] = count - (part.later[at] ?? 0) }
        return rest
    }

    /// The letters of both, as one class of one queue.
    public static func + (a: Self, b: Self) -> Self {
        WaitingLetters(due: a.due + b.due, later: a.later.merging(b.later, uniquingKeysWith: +))
    }
}

/// The waiting letters of both classes of a group of letters (`ForecastSource`).
public struct WaitingQueue: Sendable, Equatable {
    public var priority: WaitingLetters
    public var regular: WaitingLetters

    public init(priority: WaitingLetters = WaitingLetters(), regular: WaitingLetters = WaitingLetters()) {
        self.priority = priority
        self.regular = regular
    }

    public subscript(isPriority: Bool) -> WaitingLetters {
        get { isPriority ? priority : regular }
        set {
            if isPriority { priority = newValue } else { regular = newValue }
        }
    }

    /// Every waiting letter of each class.
    public var totals: ClassCounts { ClassCounts(priority: priority.total, regular: regular.total) }

    /// The letters of each class that are not in `part`, a part of these.
    public func removing(_ part: WaitingQueue) -> WaitingQueue {
        WaitingQueue(priority: priority.removing(part.priority), regular: regular.removing(part.regular))
    }

    /// The letters of each class due now.
    var dueCounts: ClassCounts { ClassCounts(priority: priority.due, regular: regular.due) }

    /// What is left of each class once the first `sent` of it have gone.
    func dropping(_ sent: ClassCounts) -> WaitingQueue {
        WaitingQueue(priority: priority.dropping(sent.priority), regular: regular.dropping(sent.regular))
    }

    static func + (a: Self, b: Self) -> Self {
        WaitingQueue(priority: a.priority + b.priority, regular: a.regular + b.regular)
    }
}
