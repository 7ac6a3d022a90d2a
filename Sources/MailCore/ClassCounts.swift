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

extension ClassCounts {
    static func + (a: Self, b: Self) -> Self {
        Self(priority: a.priority + b.priority, regular: a.regular + b.regular)
    }

    static func - (a: Self, b: Self) -> Self {
        Self(priority: a.priority - b.priority, regular: a.regular - b.regular)
    }

    static func += (a: inout Self, b: Self) { a = a + b }
    static func -= (a: inout Self, b: Self) { a = a - b }

    /// Each count `n` times.
    func times(_ n: Int) -> Self { Self(priority: priority * n, regular: regular * n) }
}
