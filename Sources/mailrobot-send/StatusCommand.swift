import ArgumentParser
import Foundation
import MailCore
import Runtime
import Sender

/// `mailrobot-send status`: per profile, the queue, the use of the limits and the state.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract:
            "Per profile: state in words, letters queued, sent in 24 h against the limits, next send, when the queue will be empty."
    )

    @OptionGroup var data: DataOptions
    @Option(help: "The language of the report: ru or en.") var language = "ru"
    @Flag(help: "One JSON object for scripts, with stable field names (docs/monitoring.md).") var json = false

    @Option(help: "Report as if at this moment (ISO 8601, e.g. 2026-12-01T09:00:00Z): for tests and planning.")
    var now: String?

    func validate() throws {
        if let now, ISOMoment.parse(now) == nil {
            throw ValidationError("--now: expected an ISO 8601 time with a zone, such as 2026-12-01T09:00:00Z")
        }
        guard Language(rawValue: language) != nil else {
            throw ValidationError("--language must be ru or en, not \(language)")
        }
    }

    func run() throws {
        let environment = try Environment(data)
        let moment = now.flatMap(ISOMoment.parse) ?? Date()
        if json {
            print(try StatusReport(database: environment.db, now: moment).json)
            return
        }
        let language = Language(rawValue: language) ?? .fallback
        let statuses = try ProfileStatus.all(database: environment.db, now: moment)
        let none = LocalizedText(ru: "профилей нет", en: "no profiles")
        print(statuses.isEmpty ? none(language) : statuses.map { $0.text(language) }.joined(separator: "\n"))
    }
}
