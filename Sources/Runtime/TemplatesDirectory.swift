public import Foundation

/// Where `templates/` is: `--templates`, env `MAILROBOT_TEMPLATES`, `./templates`, or next to
/// the installed binary (`../share/mailrobot/templates`).
public enum TemplatesDirectory {
    public static func resolve(
        option: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String {
        if let option { return option }
        if let fromEnvironment = environment["MAILROBOT_TEMPLATES"], !fromEnvironment.isEmpty { return fromEnvironment }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        let candidates = [
            "templates", executable.appendingPathComponent("../share/mailrobot/templates").standardized.path,
        ]
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/pages") {
            return candidate
        }
        throw RuntimeError("templates folder not found; run from the project folder or pass --templates DIR")
    }
}
