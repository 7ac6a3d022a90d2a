import Foundation

/// Reads an admin password: from standard input (`--password-stdin`, one line), or asked
/// twice at the terminal without echo.
public enum PasswordPrompt {
    public static func read(fromStandardInput: Bool) throws -> String {
        let password: String
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true) else {
                throw RuntimeError("no password on standard input")
            }
            password = line
        } else {
            guard isatty(STDIN_FILENO) == 1 else {
                throw RuntimeError("standard input is not a terminal; pass the password with --password-stdin")
            }
            let first = try ask("Password: ")
            let second = try ask("Repeat password: ")
            guard first == second else { throw RuntimeError("the passwords do not match") }
            password = first
        }
        guard password.count >= minimumLength else {
            throw RuntimeError("the password must have at least \(minimumLength) characters")
        }
        guard !password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw RuntimeError("the password must not contain control characters")
        }
        return password
    }

    public static let minimumLength = 10

    private static func ask(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw RuntimeError("no password given") }
        return line
    }
}
