/// A number for each class of letters: priority and regular (DESIGN.md §2).
public struct ClassCounts: Sendable, Equatable {
    public var priority: Int
    public var regular: Int

    public init(priority: Int = 0, regular: Int = 0) {
        self.priority = priority
        self.regular = regular
    }

    /// Both classes together.
    public var total: Int { priority + regular }

    /// The count of one class.
    public subscript(isPriority: Bool) -> Int {
        get { isPriority ? priority : regular }
        set {
            if isPriority { priority = newValue } else { regular = newValue }
        }
    }
}
