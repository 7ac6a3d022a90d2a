/// The four limits of a profile (tab «Параметры») that keep the mail host from treating
/// the mailbox as a spammer. See DESIGN.md §2 for their exact meaning.
public struct ProfileLimits: Sendable, Equatable {
    /// No more than this many letters of the profile in any 24-hour window.
    public var maxPerDay: Int
    /// At least this many minutes between two regular batches (0: every run).
    public var intervalMinutes: Int
    /// At most this many letters of the profile in one run.
    public var batchSize: Int
    /// The share of `maxPerDay` reserved for priority letters.
    public var priorityPerDay: Int

    public init(maxPerDay: Int, intervalMinutes: Int, batchSize: Int, priorityPerDay: Int) {
        self.maxPerDay = maxPerDay
        self.intervalMinutes = intervalMinutes
        self.batchSize = batchSize
        self.priorityPerDay = priorityPerDay
    }

    /// What a new profile starts with: modest enough for a fresh mailbox at any host.
    public static let defaults = ProfileLimits(maxPerDay: 200, intervalMinutes: 5, batchSize: 10, priorityPerDay: 20)

    /// Letters regular (non-priority) mail may use in 24 hours.
    public var regularPerDay: Int { maxPerDay - priorityPerDay }
}
