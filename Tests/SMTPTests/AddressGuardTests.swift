import Foundation
import MailCore
import MailTestSupport
import SMTP
import Testing

/// The transport itself refuses what the profile does not allow, whatever the form or the
/// database say: a host on a private network (decided on the address libcurl would connect to)
/// and a login in clear text.
@Suite struct AddressGuardTests {
    /// A listening socket on 127.0.0.1 that never accepts: it tells whether anyone connected.
    final class Listener {
        let port: Int
        private let descriptor: Int32

        init() {
            let (descriptor, address) = listeningSocket(backlog: 8)
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            self.descriptor = descriptor
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        /// True when a connection is waiting to be accepted.
        var wasReached: Bool {
            let accepted = accept(descriptor, nil, nil)
            guard accepted >= 0 else { return false }
            close(accepted)
            return true
        }

        deinit { close(descriptor) }
    }

    private func send(_ account: SMTPAccount) throws -> (DeliveryResult, Transcript) {
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(account)
        defer { session.close() }
        return (session.send(letter()), session.transcript)
    }

    /// "localhost" is a name, not a literal: it is judged by the address it resolves to.
    @Test(arguments: ["127.0.0.1", "localhost"])
    func aLoopbackHostIsNotEvenConnectedTo(host: String) throws {
        let listener = Listener()
        let (result, transcript) = try send(
            SMTPAccount(host: host, port: listener.port, security: .none, login: "", password: "")
        )
        guard case .failed(.addressNotAllowed(let address, let scope), dataSent: false) = result else {
            Issue.record("expected a refused address, got \(result)")
            return
        }
        #expect(["127.0.0.1", "::1"].contains(address))
        #expect(scope == .loopback)
        #expect(!listener.wasReached, "no TCP connection may reach a refused address")
        #expect(transcript.text.contains("not connecting to"))
    }

    @Test func aProfileAllowedToReachPrivateHostsConnects() throws {
        let server = try SMTPTestServer()
        let session = try CurlSMTPTransport(timeouts: testTimeouts).openSession(account(server, host: "localhost"))
        defer { session.close() }
        let result = session.send(letter())
        guard case .sent = result else {
            Issue.record("expected the letter to go: \(session.transcript.text)")
            return
        }
        #expect(try server.messages().count == 1)
    }

    /// SSL «Нет» with a login goes nowhere unless the profile allows a clear-text login.
    @Test func aClearTextLoginIsRefusedBeforeConnecting() throws {
        let listener = Listener()
        let account = SMTPAccount(
            host: "127.0.0.1",
            port: listener.port,
            security: .none,
            login: "shop@example.com",
            password: "secret",
            allowPrivateHost: true
        )
        let (result, transcript) = try send(account)
        #expect(result == .failed(.clearTextLoginNotAllowed, dataSent: false))
        #expect(!listener.wasReached)
        #expect(!transcript.text.contains("secret"))
    }

    @Test func aClearTextLoginGoesWhenAllowed() throws {
        var options = SMTPTestServer.Options()
        options.auth = "shop@example.com:app-password"
        let server = try SMTPTestServer(options)
        var allowed = account(server, login: "shop@example.com", password: "app-password")
        allowed.allowPlainAuth = true
        let (result, _) = try send(allowed)
        guard case .sent = result else {
            Issue.record("expected the letter to go, got \(result)")
            return
        }
    }
}
