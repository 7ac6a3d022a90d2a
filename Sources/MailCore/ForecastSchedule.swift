/// The runs of one lane of a carrier that a `QueueForecast` expects to send, kept as stretches: a run of
/// batches one after another, or one period of batches repeated, so that a forecast of 100,000
/// letters holds a few days of batches, not a time per letter.
struct ForecastSchedule: Sendable {
    /// The letters one run (at a cron minute) sends.
    struct Batch: Sendable, Equatable {
        /// Minutes since 1970, UTC.
        var minute: Int
        var counts: ClassCounts
    }

    /// Batches sent once each, or `batches` repeated `repetitions` times, `period` minutes apart.
    struct Stretch: Sendable {
        let batches: [Batch]
        let period: Int
        let repetitions: Int
        /// Letters of each class sent before the stretch.
        let before: ClassCounts
        /// Letters of each class in one repetition.
        let perRepetition: ClassCounts
        /// `[isPriority][i]`: letters of the class in `batches[..<i]`.
        private let prefix: [Bool: [Int]]

        init(batches: [Batch], period: Int, repetitions: Int, before: ClassCounts) {
            self.batches = batches
            self.period = period
            self.repetitions = repetitions
            self.before = before
            var prefix: [Bool: [Int]] = [true: [0], false: [0]]
            var sum = ClassCounts()
            for batch in batches {
                sum.priority += batch.counts.priority
                sum.regular += batch.counts.regular
                prefix[true, default: []].append(sum.priority)
                prefix[false, default: []].append(sum.regular)
            }
            self.prefix = prefix
            perRepetition = sum
        }

        /// Letters of each class in the whole stretch.
        var total: ClassCounts {
            ClassCounts(priority: perRepetition.priority * repetitions, regular: perRepetition.regular * repetitions)
        }

        /// The minute the letter of the class at `offset` (0: the stretch's first) goes.
        /// Precondition: `offset < total[isPriority]`.
        func minute(isPriority: Bool, offset: Int) -> Int {
            let repetition = offset / perRepetition[isPriority]
            let within = offset % perRepetition[isPriority]
            let sums = prefix[isPriority] ?? [0]
            // The first batch whose running sum passes `within`: binary search.
            var low = 0
            var high = batches.count - 1
            while low < high {
                let middle = (low + high) / 2
                if sums[middle + 1] > within { high = middle } else { low = middle + 1 }
            }
            return batches[low].minute + repetition * period
        }
    }

    private(set) var stretches: [Stretch] = []
    /// Letters of each class the stretches send.
    private(set) var sent = ClassCounts()

    mutating func append(_ batches: [Batch], period: Int = 0, repetitions: Int = 1) {
        guard !batches.isEmpty, repetitions > 0 else { return }
        let stretch = Stretch(batches: batches, period: period, repetitions: repetitions, before: sent)
        stretches.append(stretch)
        sent.priority += stretch.total.priority
        sent.regular += stretch.total.regular
    }

    /// The minute the letter of the class at `rank` goes; nil when the schedule sends fewer.
    func minute(isPriority: Bool, rank: Int) -> Int? {
        guard rank >= 0, rank < sent[isPriority] else { return nil }
        // Few stretches (one per change of pace): a linear search.
        for stretch in stretches where rank < stretch.before[isPriority] + stretch.total[isPriority] {
            return stretch.minute(isPriority: isPriority, offset: rank - stretch.before[isPriority])
        }
        return nil
    }
}
