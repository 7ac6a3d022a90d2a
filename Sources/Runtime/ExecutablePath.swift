import Foundation

/// Where the running binary is, to start its sibling (the panel starts `mailrobot-send` for a
/// priority letter's pass; `mailrobot-send enqueue` starts itself).
public enum ExecutablePath {
    /// The running binary (`/proc/self/exe`), or `CommandLine.arguments[0]` where that is missing.
    public static func current() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return URL(fileURLWithPath: CommandLine.arguments[0]).standardized.path }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `name` in the running binary's folder.
    public static func sibling(named name: String) -> String {
        (current() as NSString).deletingLastPathComponent + "/" + name
    }
}
