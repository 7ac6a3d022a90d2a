public import struct Foundation.Date

/// The letters of one class (priority or regular) waiting in a profile's queue, as counts: how many
/// are due now, and how many become due later (retries wait for their `next_attempt_at`).
///
/// The queue sends a class's letters in the order of their next attempt, then their id; a letter's
/// place in that order is its rank (`QueueForecast.expectedAt(isPriority:rank:)`).
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
