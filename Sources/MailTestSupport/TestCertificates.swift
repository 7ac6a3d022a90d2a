import Foundation

/// A throwaway certificate authority made by `Tests/Integration/make_ca.sh`: a CA, a server
/// certificate it signed for `localhost` and 127.0.0.1, and a self-signed one nobody trusts.
public final class TestCertificates: Sendable {
    public let directory = TemporaryDirectory(prefix: "mailrobot-ca")

    public init() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["\(SMTPTestServer.integrationFolder)/make_ca.sh", directory.path]
        try process.run()
        for _ in 0..<300 where process.isRunning {
            usleep(100_000)
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw MakeError(status: process.terminationStatus) }
    }

    /// The CA certificate to trust.
    public var caFile: String { directory.file("ca.crt") }
    /// The server certificate and key signed by the CA.
    public var server: (cert: String, key: String) { (directory.file("server.crt"), directory.file("server.key")) }
    /// A self-signed certificate and key for the same names.
    public var untrusted: (cert: String, key: String) {
        (directory.file("untrusted.crt"), directory.file("untrusted.key"))
    }

    struct MakeError: Error {
        let status: Int32
    }
}
