import Foundation
import MailCore
import Testing

@testable import SMTP

@Suite struct ReviewTLSTests {
    @Test func droppedHandshake() throws {
        let transport = try CurlSMTPTransport()
        let session = transport.openSession(
            SMTPAccount(host: "127.0.0.1", port: 44249, security: .ssl, login: "u", password: "p")
        )
        let letter = OutgoingLetter(
            envelopeFrom: try EmailAddress(parsing: "a@example.com"),
            recipient: try EmailAddress(parsing: "b@example.com"),
            message: Array("Subject: x\r\n\r\nhi\r\n".utf8)
        )
        let result = session.send(letter) { true }
        if case .failed(let failure, _) = result {
            print("REVIEW TLS drop -> \(failure) rule=\(failure.dispositionRule) disposition=\(failure.disposition)")
        } else {
            print("REVIEW \(result)")
        }
    }
}
