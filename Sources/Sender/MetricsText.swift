import Foundation
import MailCore
public import Storage

/// The Prometheus text format (version 0.0.4) of `GET /metrics`: letters by status and profile,
/// sends in the rolling 24 hours, the queue, each profile's state and the sender's last pass.
/// - SeeAlso: https://prometheus.io/docs/instrumenting/exposition_formats/
public enum MetricsText {
    /// The content type of the answer.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The metrics of `report`, with the letter counts of `letters`.
    public static func render(_ report: StatusReport, letters: [MonitoringStore.LetterCount]) -> String {
        var out = ""
        family(&out, "mailrobot_letters", "gauge", "Letters in the journal by profile and status.")
        for count in letters {
            sample(&out, "mailrobot_letters", ["profile": count.profile, "status": count.status], Double(count.count))
        }
        family(&out, "mailrobot_sends_24h", "gauge", "Letters sent in the rolling 24 hours, by profile and class.")
        for status in report.statuses {
            let name = status.profile.name
            sample(&out, "mailrobot_sends_24h", ["profile": name, "class": "priority"], Double(status.usage.priority))
            sample(
                &out,
                "mailrobot_sends_24h",
                ["profile": name, "class": "regular"],
                Double(status.usage.total - status.usage.priority)
            )
        }
        family(&out, "mailrobot_queue_depth", "gauge", "Letters waiting to be sent, by profile and class.")
        for status in report.statuses {
            let name = status.profile.name
            sample(
                &out,
                "mailrobot_queue_depth",
                ["profile": name, "class": "priority"],
                Double(status.queuedPriority)
            )
            sample(&out, "mailrobot_queue_depth", ["profile": name, "class": "regular"], Double(status.queuedRegular))
        }
        family(&out, "mailrobot_max_per_day", "gauge", "The profile's limit of letters in 24 hours.")
        for status in report.statuses {
            sample(
                &out,
                "mailrobot_max_per_day",
                ["profile": status.profile.name],
                Double(status.profile.limits.maxPerDay)
            )
        }
        family(&out, "mailrobot_profile_state", "gauge", "1 for the profile's state now, 0 for the others.")
        for status in report.statuses {
            for word in ProfileCondition.words {
                let value: Double = status.condition.word == word ? 1 : 0
                sample(&out, "mailrobot_profile_state", ["profile": status.profile.name, "state": word], value)
            }
        }
        family(&out, "mailrobot_profile_failing", "gauge", "1 while the profile is announced as failing, else 0.")
        for status in report.statuses {
            let failing: Double = (report.alertStates[status.profile.id] ?? .ok) == .ok ? 0 : 1
            sample(&out, "mailrobot_profile_failing", ["profile": status.profile.name], failing)
        }
        family(
            &out,
            "mailrobot_last_pass_timestamp_seconds",
            "gauge",
            "When the sender's pass last finished (Unix time); 0: never."
        )
        sample(&out, "mailrobot_last_pass_timestamp_seconds", [:], report.lastPassAt?.timeIntervalSince1970 ?? 0)
        return out
    }

    private static func family(_ out: inout String, _ name: String, _ type: String, _ help: String) {
        out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    private static func sample(_ out: inout String, _ name: String, _ labels: [String: String], _ value: Double) {
        out += name
        if !labels.isEmpty {
            out +=
                "{" + labels.keys.sorted().map { "\($0)=\"\(escape(labels[$0] ?? ""))\"" }.joined(separator: ",") + "}"
        }
        out += " " + number(value) + "\n"
    }

    /// A label value: backslash, double quote and line feed escaped.
    static func escape(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n", "\r\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
