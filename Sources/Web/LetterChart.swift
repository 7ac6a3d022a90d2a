import Foundation
import Templating

/// A chart of letters per day, sent and failed stacked in one bar a day, as numbers the template
/// draws as inline SVG (`overview.mustache`): drawn on the server, nothing for the browser to run
/// and nothing the CSP must allow. Failed letters are a second colour and a hatch, and every bar
/// carries its numbers as a `<title>`, so colour is never the only signal.
struct LetterChart: TemplateModel {
    /// One day's letters.
    struct Day: Sendable, Equatable {
        let day: Date
        let sent: Int
        let failed: Int
    }

    struct Bar: TemplateModel {
        let x: Int
        let width: Int
        let sentY: Int
        let sentHeight: Int
        let failedY: Int
        let failedHeight: Int
        /// «01.12: отправлено 37, ошибок 2».
        let label: String

        static let templateFields: TemplateFields<Self> = [
            "x": .number(\.x), "width": .number(\.width), "sent_y": .number(\.sentY),
            "sent_height": .number(\.sentHeight), "failed_y": .number(\.failedY),
            "failed_height": .number(\.failedHeight), "label": .text(\.label),
        ]
    }

    /// A line across the chart at a round number of letters, with the number.
    struct Tick: TemplateModel {
        let y: Int
        let label: String
        static let templateFields: TemplateFields<Self> = ["y": .number(\.y), "label": .text(\.label)]
    }

    /// A day's date under its bar (every few days).
    struct DayLabel: TemplateModel {
        let x: Int
        let label: String
        static let templateFields: TemplateFields<Self> = ["x": .number(\.x), "label": .text(\.label)]
    }

    let width: Int
    let height: Int
    /// Where the bars stand: the bottom of the plot.
    let baseline: Int
    /// Where the plot starts on the left (after the tick labels).
    let left: Int
    let bars: [Bar]
    let ticks: [Tick]
    let dayLabels: [DayLabel]
    /// What the chart shows, in one sentence (its accessible name).
    let summary: String

    /// The chart of `days` (oldest first) in a `width` × `height` box; `small` leaves out the ticks
    /// and the dates (a profile's card). `label` writes a bar's title, `dayText` a date.
    init(
        days: [Day],
        width: Int,
        height: Int,
        small: Bool = false,
        summary: String,
        label: (Day) -> String,
        dayText: (Date) -> String
    ) {
        self.width = width
        self.height = height
        self.summary = summary
        let left = small ? 0 : 36
        let top = small ? 2 : 8
        let baseline = height - (small ? 0 : 18)
        self.left = left
        self.baseline = baseline
        let plotHeight = baseline - top
        let scale = Self.roundCeiling(days.map { $0.sent + $0.failed }.max() ?? 0)
        let slot = days.isEmpty ? 0 : (width - left) / days.count
        let barWidth = max(1, slot * 7 / 10)
        func scaled(_ count: Int) -> Int { (count * plotHeight + scale / 2) / scale }
        bars = days.enumerated().map { index, day in
            let x = left + index * slot + (slot - barWidth) / 2
            let sentHeight = scaled(day.sent)
            let failedHeight = scaled(day.sent + day.failed) - sentHeight
            return Bar(
                x: x,
                width: barWidth,
                sentY: baseline - sentHeight,
                sentHeight: sentHeight,
                failedY: baseline - sentHeight - failedHeight,
                failedHeight: failedHeight,
                label: label(day)
            )
        }
        ticks = small ? [] : [0, scale / 2, scale].map { Tick(y: baseline - scaled($0), label: String($0)) }
        let every = max(1, days.count / 6)
        dayLabels =
            small
            ? []
            : days.enumerated().filter { $0.offset % every == 0 }.map { index, day in
                DayLabel(x: left + index * slot + slot / 2, label: dayText(day.day))
            }
    }

    /// The smallest of 1, 2, 5, 10, 20, 50 … at or above `count` (at least 2, so the middle tick
    /// is a whole number).
    static func roundCeiling(_ count: Int) -> Int {
        var step = 1
        while true {
            for factor in [2, 5, 10] where step * factor >= count { return step * factor }
            step *= 10
        }
    }

    static let templateFields: TemplateFields<Self> = [
        "width": .number(\.width), "height": .number(\.height), "baseline": .number(\.baseline),
        "left": .number(\.left), "bars": .list(\.bars), "ticks": .list(\.ticks), "day_labels": .list(\.dayLabels),
        "summary": .text(\.summary),
    ]
}
