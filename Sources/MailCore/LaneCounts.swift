/// The two lanes of a carrier's runs (`ReservePlanner`): its own letters, planned first, and the
/// letters it carries for profiles that cannot send, in what is left.
enum Lane: CaseIterable {
    case own
    case carried
}

/// A number of letters of each class in each lane.
struct LaneCounts: Equatable {
    var own = ClassCounts()
    var carried = ClassCounts()

    subscript(lane: Lane) -> ClassCounts {
        get { lane == .own ? own : carried }
        set {
            if lane == .own { own = newValue } else { carried = newValue }
        }
    }

    /// Both lanes together.
    var total: ClassCounts { own + carried }

    static func + (a: Self, b: Self) -> Self { Self(own: a.own + b.own, carried: a.carried + b.carried) }
    static func - (a: Self, b: Self) -> Self { Self(own: a.own - b.own, carried: a.carried - b.carried) }
    static func += (a: inout Self, b: Self) { a = a + b }
    static func -= (a: inout Self, b: Self) { a = a - b }

    /// Each count `n` times.
    func times(_ n: Int) -> Self { Self(own: own.times(n), carried: carried.times(n)) }
}

/// What each lane of a carrier sends over a stretch of runs (`ForecastSchedule` per lane).
struct LaneSchedules: Sendable {
    private(set) var own = ForecastSchedule()
    private(set) var carried = ForecastSchedule()

    subscript(lane: Lane) -> ForecastSchedule { lane == .own ? own : carried }

    /// Adds runs sent once each, or repeated `repetitions` times `period` minutes apart.
    mutating func append(_ runs: [ForecastSimulation.Run], period: Int = 0, repetitions: Int = 1) {
        for lane in Lane.allCases {
            let batches = runs.compactMap { run in
                run.lanes[lane].total > 0 ? ForecastSchedule.Batch(minute: run.minute, counts: run.lanes[lane]) : nil
            }
            if lane == .own {
                own.append(batches, period: period, repetitions: repetitions)
            } else {
                carried.append(batches, period: period, repetitions: repetitions)
            }
        }
    }
}
