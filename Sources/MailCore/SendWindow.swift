public import struct Foundation.Date
public import typealias Foundation.TimeInterval

/// A profile's sends in the rolling 24-hour window that ends at one moment: those made in
/// (now − 24 h, now] (DESIGN.md §2, max_per_day). A send made exactly 24 hours ago has left it.
///
/// What «Профили email» and `mailrobot-send status` show as "sent in the last 24 h".
public struct SendWindow: Sendable {
    /// The window's length: 24 hours.
    public static let length: TimeInterval = 24 * 60 * 60

    /// The moment the window ends at.
    public let now: Date
    /// When the priority sends in the window were made, in the order given.
    private(set) var priorityTimes: [Date] = []
    /// When the regular sends in the window were made, in the order given.
    private(set) var regularTimes: [Date] = []

    /// Keeps the records of `history` that fall in (now − 24 h, now]; one pass, in any order.
    public init(history: some Sequence<SendRecord>, now: Date) {
        self.now = now
        let start = now.addingTimeInterval(-Self.length)
        for record in history where record.at > start && record.at <= now {
            if record.isPriority {
                priorityTimes.append(record.at)
            } else {
                regularTimes.append(record.at)
            }
        }
    }

    /// Priority sends in the window.
    public var priorityCount: Int { priorityTimes.count }
    /// Regular sends in the window.
    public var regularCount: Int { regularTimes.count }
    /// All sends in the window.
    public var count: Int { priorityTimes.count + regularTimes.count }

    /// Adds sends made at `now`: the letters a plan is about to send.
    mutating func add(priority: Int, regular: Int) {
        priorityTimes.append(contentsOf: repeatElement(now, count: priority))
        regularTimes.append(contentsOf: repeatElement(now, count: regular))
    }

    /// When enough of `times` (sends in this window) have left it for their number to drop below
    /// `limit`, if nothing else is sent meanwhile; nil when that never happens (a limit of 0).
    ///
    /// Precondition: `times.count >= limit`. In the usual case, `times.count == limit`, this is the
    /// oldest send plus 24 hours, found in one pass; only a window that holds more than its limit
    /// (the limit was lowered) is sorted.
    func reopening(_ times: [Date], limit: Int) -> Date? {
        guard limit > 0, let oldest = times.min() else { return nil }
        let leaving = times.count - limit
        let last = leaving == 0 ? oldest : times.sorted()[leaving]
        return last.addingTimeInterval(Self.length)
    }
}
