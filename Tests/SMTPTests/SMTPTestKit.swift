import Foundation
import MailCore
import MailTestSupport
import SMTP

/// Short limits, so a test that waits for a timeout stays fast.
let testTimeouts = CurlSMTPTransport.Timeouts(connect: .seconds(3), response: .seconds(2), letter: .seconds(10))

/// A simple RFC 5322 message (the MIME builder is not this module's business).
func letter(
    to recipient: String = "customer@example.com",
    subject: String = "Order 1",
    body: String = "Hello."
) -> OutgoingLetter {
    let text =
        "From: Shop <shop@example.com>\r\nTo: <\(recipient)>\r\nSubject: \(subject)\r\n"
        + "Message-ID: <\(UUID().uuidString)@example.com>\r\n\r\n\(body)\r\n"
    return OutgoingLetter(
        envelopeFrom: try! EmailAddress(parsing: "shop@example.com"),
        recipient: try! EmailAddress(parsing: recipient),
        message: Array(text.utf8)
    )
}

/// A letter of `size` bytes or a little more, in lines of 76 characters.
func bigLetter(size: Int) -> OutgoingLetter {
    let line = String(repeating: "x", count: 76)
    let body = Array(repeating: line, count: size / 78 + 1).joined(separator: "\r\n")
    return letter(body: body)
}

/// An account of the test server. It listens on loopback and often speaks plain SMTP, so the
/// account allows both a private host and a clear-text login (`AddressGuardTests` tests the
/// refusals).
func account(
    _ server: SMTPTestServer,
    host: String = "127.0.0.1",
    security: SecurityMode = .none,
    login: String = "",
    password: String = ""
) -> SMTPAccount {
    SMTPAccount(
        host: host,
        port: server.port,
        security: security,
        login: login,
        password: password,
        allowPlainAuth: true,
        allowPrivateHost: true
    )
}

/// A port nothing listens on (taken, then released).
func freePort() -> Int {
    let (descriptor, address) = listeningSocket(backlog: 0)
    close(descriptor)
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Runs `body` and returns its result with the time it took.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
    let start = ContinuousClock.now
    let result = try body()
    return (result, ContinuousClock.now - start)
}

extension DeliveryResult {
    var failure: SMTPFailure? {
        if case .failed(let failure, _) = self { return failure }
        return nil
    }

    var dataSent: Bool? {
        if case .failed(_, let dataSent) = self { return dataSent }
        return nil
    }

    var isSent: Bool {
        if case .sent = self { return true }
        return false
    }
}

/// A port that takes no new connection: it listens with a full backlog, so SYNs are dropped.
final class UnansweredPort {
    let port: Int
    private var descriptors: [Int32] = []

    init() {
        let (listener, address) = listeningSocket(backlog: 0)
        descriptors.append(listener)
        for _ in 0..<3 {
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            _ = withUnsafePointer(to: address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    connect(filler, socketAddress, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            descriptors.append(filler)
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        for descriptor in descriptors { close(descriptor) }
    }
}

/// A TCP socket listening with `backlog` at a free port of 127.0.0.1: its descriptor and address.
func listeningSocket(backlog: Int32) -> (descriptor: Int32, address: sockaddr_in) {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            _ = bind(descriptor, socketAddress, length)
            _ = listen(descriptor, backlog)
            _ = getsockname(descriptor, socketAddress, &length)
        }
    }
    return (descriptor, address)
}

/// What `hostname -f` prints: the machine's canonical name, found by another program.
func hostnameF() throws -> String {
    let process = Process()
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/bin/hostname")
    process.arguments = ["-f"]
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
