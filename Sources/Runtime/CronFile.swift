import Foundation

/// The jobs of a system crontab file such as `/etc/cron.d/mailrobot` (crontab(5) with a user field).
public struct CronFile: Sendable, Equatable {
    /// One job line: when, as whom, what (given to `/bin/sh -c`).
    public struct Job: Sendable, Equatable {
        public let schedule: String
        public let user: String
        public let command: String
    }

    public let jobs: [Job]
    /// The `NAME=value` lines, such as `PATH` and `MAILTO`.
    public let environment: [String: String]

    public init(parsing text: String) {
        var jobs: [Job] = []
        var environment: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if let equals = line.firstIndex(of: "="), !line[..<equals].contains(where: { $0 == " " || $0 == "\t" }) {
                let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                environment[String(line[..<equals])] = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                continue
            }
            let timeFields = fields.first?.hasPrefix("@") == true ? 1 : 5
            guard fields.count > timeFields + 1 else { continue }
            let user = fields[timeFields]
            let command = line[user.endIndex...].trimmingCharacters(in: .whitespaces)
            jobs.append(
                Job(
                    schedule: fields[..<timeFields].joined(separator: " "),
                    user: String(user),
                    command: command
                )
            )
        }
        self.jobs = jobs
        self.environment = environment
    }

    /// The job that runs `mailrobot-send run`, if there is one.
    public var senderJob: Job? {
        jobs.first { $0.command.contains("mailrobot-send run") }
    }
}

extension CronFile.Job {
    /// The folder given to `--data` in the command, if any.
    public var dataFolder: String? {
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        for (index, word) in words.enumerated() {
            if word == "--data", index + 1 < words.count { return words[index + 1] }
            if word.hasPrefix("--data=") { return String(word.dropFirst("--data=".count)) }
        }
        return nil
    }
}
