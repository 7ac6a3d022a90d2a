import Foundation

/// The test DNS server (`Tests/Integration/dns_server.py`, dnslib) serving a zone on
/// 127.0.0.1 (UDP and TCP) for one test (or one suite), stopped by its PID when the value is
/// released; a server never released exits with the test process.
///
/// `@unchecked Sendable`: everything is set in `init` and only read afterwards; the `Process`
/// is touched again only by `deinit`, so a suite may share one server.
public final class DNSTestServer: @unchecked Sendable {
    public let port: Int
    private let directory = TemporaryDirectory(prefix: "mailrobot-dns")
    private let process = Process()

    /// Starts the server with `zone` (BIND syntax, names fully qualified); questions for a
    /// `servfail` name get SERVFAIL, those for a `silent` name no answer at all.
    public init(zone: String, servfail: [String] = [], silent: [String] = []) throws {
        try zone.write(toFile: directory.file("zone"), atomically: true, encoding: .utf8)
        var arguments = [
            "\(SMTPTestServer.integrationFolder)/dns_server.py", "--port", "0", "--zone", directory.file("zone"),
            "--lifetime-s", "300",
        ]
        for name in servfail { arguments += ["--servfail", name] }
        for name in silent { arguments += ["--silent", name] }
        port = try TestScriptProcess.start(process, arguments, log: directory.file("server.log"), what: "DNS")
    }

    deinit {
        TestScriptProcess.stop(process)
    }
}
