import ArgumentParser
import Foundation
import MailCore
import Runtime
import Sender

/// `mailrobot-send enqueue`: put a letter in the queue from a shell, by event or ready-made.
struct EnqueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enqueue",
        abstract: "Queue a letter: --event CODE with --vars JSON, or a ready --subject and --text.",
        discussion: "Prints the letter's id. The same errors as the API, as one line, with a non-zero exit."
    )

    @OptionGroup var data: DataOptions

    @Option(help: "Recipient address.") var to: String
    @Option(help: "Recipient name (shown in To).") var toName: String?
    @Option(help: "Event code, e.g. order_placed.") var event: String?
    @Option(help: "Template variables as a JSON object.") var vars: String?
    @Option(help: "Subject of a ready letter (without --event).") var subject: String?
    @Option(help: "Plain text of a ready letter.") var text: String?
    @Option(help: "HTML of a ready letter.") var html: String?
    @Flag(inversion: .prefixedNo, help: "Send as a priority letter (default: the event's setting).") var priority: Bool?
    @Option(help: "Profile name (default: the event's profile, else the default profile).") var profile: String?
    @Option(help: "A key that makes repeating this command safe: the same key queues one letter.") var idempotencyKey:
        String?

    func validate() throws {
        if event == nil && (subject == nil || text == nil) {
            throw ValidationError("give --event CODE, or --subject and --text")
        }
        if event != nil && (subject != nil || text != nil || html != nil) {
            throw ValidationError("--subject/--text/--html are for letters without --event")
        }
    }

    func run() throws {
        let environment = try Environment(data)
        var request = LetterRequest(event: event, to: to)
        request.toName = toName ?? ""
        request.priority = priority
        request.profile = profile
        request.idempotencyKey = idempotencyKey
        request.subject = subject
        request.text = text
        request.html = html
        if let vars {
            guard let value = try? JSONValue(parsing: Array(vars.utf8)) else {
                throw RuntimeError("--vars: not valid JSON")
            }
            request.data = value
        }
        do {
            let enqueuer = Enqueuer(database: environment.db, clock: SystemClock(), waker: environment.waker())
            switch try enqueuer.enqueue(request) {
            case .queued(let id): print(id)
            case .repeated(let id): print(id)
            case .skipped: print("skipped: event \(event ?? "") is disabled")
            }
        } catch let refusal as EnqueueRefusal {
            throw RuntimeError(refusal.description)
        }
    }
}
