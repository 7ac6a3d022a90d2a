public import Foundation

/// Where `templates/` is: `--templates`, env `MAILROBOT_TEMPLATES`, `./templates`, next to the
/// running binary (`../share/mailrobot/templates`, wherever it was installed), or where the
/// Debian package puts it (`/usr/share/mailrobot/templates`). A folder counts when it has `pages/`.
public enum TemplatesDirectory {
    /// The Debian package's folder.
    public static let installed = "/usr/share/mailrobot/templates"

    public static func resolve(
        option: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: String? = runningExecutable()
    ) throws -> String {
        if let option { return option }
        if let fromEnvironment = environment["MAILROBOT_TEMPLATES"], !fromEnvironment.isEmpty { return fromEnvironment }
        for candidate in candidates(executable: executable)
        where FileManager.default.fileExists(atPath: candidate + "/pages") {
            return candidate
        }
        throw RuntimeError(
            "templates folder not found (looked in ./templates, beside the binary and \(installed)); pass --templates DIR"
        )
    }

    /// The folders looked in when neither the option nor the environment names one, in order.
    static func candidates(executable: String?) -> [String] {
        var found = ["templates"]
        if let executable {
            let beside = URL(fileURLWithPath: executable).deletingLastPathComponent()
                .appendingPathComponent("../share/mailrobot/templates").standardized.path
            found.append(beside)
        }
        if !found.contains(installed) { found.append(installed) }
        return found
    }

    /// The path of the running binary, however it was started (`argv[0]` may be a bare name found
    /// on PATH, as cron and the shell start it): the kernel's `/proc/self/exe`.
    public static func runningExecutable() -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }
}
