public import ArgumentParser

/// `--data DIR`, shared by every command of both binaries.
public struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder (database, secret key, socket). Env: MAILROBOT_DATA. Default: ./data")
    public var data: String?

    public init() {}

    public func validate() throws {
        // An empty path would put the database and the key in the root folder.
        if data?.isEmpty == true { throw ValidationError("--data must name a folder") }
    }

    public var directory: DataDirectory { DataDirectory(option: data) }
}
