public import ArgumentParser
import Foundation

/// Runs a command tree the way our CLIs promise: `--help` prints help and exits 0; any
/// misuse or failure prints exactly one line on stderr and exits non-zero.
public enum CommandRunner {
    public static func main<Command: ParsableCommand>(_ type: Command.Type, arguments: [String]? = nil) -> Never {
        let name = Command.configuration.commandName ?? "mailrobot"
        do {
            var command = try Command.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch let exit as ExitCode {
            // The command has said what went wrong already.
            Foundation.exit(exit.rawValue)
        } catch {
            let code = Command.exitCode(for: error)
            if code == .success {
                print(Command.fullMessage(for: error))
                exit(0)
            }
            let message = oneLine(error is RuntimeError ? "\(error)" : Command.message(for: error))
            FileHandle.standardError.write(Data("\(name): \(message)\n".utf8))
            exit(code.rawValue)
        }
    }

    /// The first non-empty line of `text`, without the "Error: " prefix argument-parser adds.
    static func oneLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "failed"
        return line.hasPrefix("Error: ") ? String(line.dropFirst(7)) : line
    }
}
