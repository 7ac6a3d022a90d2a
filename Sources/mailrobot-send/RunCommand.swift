import ArgumentParser
import Foundation
import MailCore
import Runtime
import Sender
import Storage

/// `mailrobot-send run`: one pass of the queue, then exit.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Send what is due now within each profile's limits, then exit. Quiet when all went well.",
        discussion: """
            With --profile, only that profile's pass: what a priority letter starts at once when it is \
            queued (through the API, `enqueue` or the panel), while cron's run every minute works them all.
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var transport: TransportOptions

    @Option(help: "Run as if at this moment (ISO 8601, e.g. 2026-12-01T09:00:00Z): for tests and planning.")
    var now: String?

    @Flag(help: "Print what would be sent and why the rest waits; change nothing.")
    var dryRun = false

    @Option(
        help: ArgumentHelp("Only this profile's pass: its name, or its number (#N in `status`).", valueName: "name|id")
    )
    var profile: String?

    /// The profile's lock, held through this inherited descriptor: set by the process that
    /// started this pass for a priority letter (`PassSpawner`), never by hand.
    @Option(help: .hidden)
    var lockFd: Int32?

    func validate() throws {
        if let now, ISOMoment.parse(now) == nil {
            throw ValidationError("--now: expected an ISO 8601 time with a zone, such as 2026-12-01T09:00:00Z")
        }
        if profile?.isEmpty == true { throw ValidationError("--profile must name a profile") }
        if let lockFd, lockFd < 3 || profile == nil {
            throw ValidationError("--lock-fd is for passes started by mailrobot")
        }
    }

    func run() throws {
        let environment = try Environment(data)
        let clock: any WallClock = now.flatMap(ISOMoment.parse).map(FixedClock.init) ?? SystemClock()
        let queue = QueueRun(
            try environment.sender(transport, clock: clock),
            webhook: try environment.webhook(transport)
        )
        let report: RunReport
        if let profile {
            let store = ProfileStore(environment.db)
            // A started pass is given the id; an operator may give the name.
            let found = try lockFd == nil ? store.find(nameOrID: profile) : Int64(profile).flatMap(store.find(id:))
            guard let found else { throw RuntimeError("--profile: no profile named or numbered \(profile)") }
            report = try queue.run(profileID: found.id, lockDescriptor: lockFd, dryRun: dryRun)
        } else {
            report = try queue.run(dryRun: dryRun)
        }
        if dryRun {
            print(report.plans.isEmpty ? "nothing is due" : report.plans.joined(separator: "\n"))
        } else {
            // For `mailrobot-admin doctor`: the real time this pass ended, whatever --now said.
            try HeartbeatStore(environment.db).record(.senderPass, at: Date())
        }
        for problem in report.problems {
            FileHandle.standardError.write(Data((problem + "\n").utf8))
        }
        if !report.problems.isEmpty { throw ExitCode(1) }
    }
}

/// ISO 8601 moments as `--now` takes them.
enum ISOMoment {
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
