import Foundation
import MailCore

/// A profile's plan in words, for `--dry-run` and `status`.
struct PlanDescription {
    let profile: Profile
    let plan: SendPlan
    private let times: OperatorTime

    init(profile: Profile, plan: SendPlan, timeZone: TimeZone) {
        self.profile = profile
        self.plan = plan
        times = OperatorTime(timeZone: timeZone)
    }

    var text: String {
        var lines = ["profile \(profile.name) (#\(profile.id)): " + sending]
        if let wait = plan.priorityWait { lines.append("  priority letters wait: " + describe(wait)) }
        if let wait = plan.regularWait { lines.append("  regular letters wait: " + describe(wait)) }
        return lines.joined(separator: "\n")
    }

    private var sending: String {
        guard !plan.letters.isEmpty else { return "would send nothing now" }
        let ids = plan.letters.map { "#\($0.id)" + ($0.isPriority ? " (priority)" : "") }
        return "would send \(plan.letters.count): " + ids.joined(separator: ", ")
    }

    func describe(_ reason: WaitReason) -> String {
        switch reason {
        case .broken:
            "the profile is broken (login refused); edit it, then check it (“Check the profile” in the panel, or `mailrobot-send test`)"
        case .paused(let until): "the profile is paused until \(time(until))"
        case .interval(let until): "interval until \(time(until))"
        case .dailyLimit(let until): "daily limit (\(profile.limits.maxPerDay)) reached" + reopening(until)
        case .priorityShareUsed(let until): "priority share (\(profile.limits.priorityPerDay)) used" + reopening(until)
        case .regularShareUsed(let until): "regular share (\(profile.limits.regularPerDay)) used" + reopening(until)
        case .batchFull: "batch full (\(profile.limits.batchSize) per run); next run"
        }
    }

    private func reopening(_ until: Date?) -> String {
        until.map { " until \(time($0))" } ?? ", no room at these limits"
    }

    private func time(_ date: Date) -> String { times.string(date) }
}

/// Times in the sender's output: the shop's zone, to the second.
struct OperatorTime {
    private let formatter: DateFormatter

    init(timeZone: TimeZone) {
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "dd.MM.yyyy HH:mm:ss"
    }

    func string(_ date: Date) -> String { formatter.string(from: date) }
}
