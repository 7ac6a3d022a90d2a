public import ArgumentParser
import Foundation

/// `--ca-file PATH` (env `MAILROBOT_CA_FILE`): a CA bundle trusted in addition to the system
/// store, for a mail host with a private CA and for tests.
public struct TransportOptions: ParsableArguments {
    @Option(name: .long, help: "Extra CA certificates (PEM) to trust besides the system store. Env: MAILROBOT_CA_FILE")
    public var caFile: String?

    @Option(name: .long, help: "Seconds to wait for each reply of a mail server (1-300). Env: MAILROBOT_SMTP_TIMEOUT")
    public var smtpTimeout: Int?

    public init() {}

    public func validate() throws {
        if let seconds = smtpTimeout ?? environmentTimeout, !(1...300).contains(seconds) {
            throw ValidationError("--smtp-timeout must be from 1 to 300 seconds")
        }
    }

    /// The reply timeout to use, or `fallback` when none was given.
    public func replySeconds(default fallback: Int) -> Int {
        smtpTimeout ?? environmentTimeout ?? fallback
    }

    private var environmentTimeout: Int? {
        ProcessInfo.processInfo.environment["MAILROBOT_SMTP_TIMEOUT"].flatMap { Int($0) }
    }

    /// The bundle to add, if any.
    public var caFilePath: String? {
        caFile ?? ProcessInfo.processInfo.environment["MAILROBOT_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
