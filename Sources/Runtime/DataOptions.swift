public import ArgumentParser

/// `--data DIR`, shared by every command of both binaries.
public struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder (database, secret key, socket). Env: MAILROBOT_DATA. Default: ./data")
    public var data: String?

    public init() {}

    public var directory: DataDirectory { DataDirectory(option: data) }
}
