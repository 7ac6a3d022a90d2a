public import ArgumentParser

/// `--templates DIR`: the pages, their words and the shipped letters.
public struct TemplatesOptions: ParsableArguments {
    @Option(
        help:
            "The templates folder. Env: MAILROBOT_TEMPLATES. Default: ./templates, ../share/mailrobot/templates beside the binary, or /usr/share/mailrobot/templates"
    )
    public var templates: String?

    public init() {}

    /// The folder, found as `TemplatesDirectory` says.
    public func resolve() throws -> String {
        try TemplatesDirectory.resolve(option: templates)
    }
}
