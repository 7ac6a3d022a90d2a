import Foundation

/// Starting and stopping the Python test servers of `Tests/Integration` (`smtp_server.py`,
/// `dns_server.py`), which print `READY <port>` once they listen.
enum TestScriptProcess {
    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `/usr/bin/python3 arguments…` with stderr into `log`, and waits (at most 15 s) for
    /// its port.
    static func start(_ process: Process, _ arguments: [String], log: String, what: String) throws -> Int {
        let output = Pipe()
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        guard let line = readLine(output.fileHandleForReading.fileDescriptor, within: .seconds(15)),
            line.hasPrefix("READY "), let port = Int(line.dropFirst(6))
        else {
            stop(process)
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw StartError(description: "the test \(what) server did not start: \(text)")
        }
        return port
    }

    /// SIGTERM by PID, then SIGKILL if it is still there after 5 s.
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0..<50 where process.isRunning {
            usleep(100_000)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// One line from `descriptor`, or nil when none came in time.
    private static func readLine(_ descriptor: Int32, within limit: Duration) -> String? {
        let deadline = ContinuousClock.now + limit
        var bytes: [UInt8] = []
        while ContinuousClock.now < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) >= 0 else { return nil }
            guard poller.revents != 0 else { continue }
            var byte: UInt8 = 0
            guard read(descriptor, &byte, 1) == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }
}
