public import ArgumentParser
import Foundation

/// `--ca-file PATH` (env `MAILROBOT_CA_FILE`): a CA bundle trusted in addition to the system
/// store, for a mail host with a private CA and for tests.
public struct TransportOptions: ParsableArguments {
    @Option(name: .long, help: "Extra CA certificates (PEM) to trust besides the system store. Env: MAILROBOT_CA_FILE")
    public var caFile: String?

    public init() {}

    /// The bundle to add, if any.
    public var caFilePath: String? {
        caFile ?? ProcessInfo.processInfo.environment["MAILROBOT_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
