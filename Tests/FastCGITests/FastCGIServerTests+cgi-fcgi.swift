import Foundation
import Testing

extension FastCGIServerTests {
    /// libfcgi's own client, `cgi-fcgi` from Debian's libfcgi-bin, as a second opinion on the protocol.
    @Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/cgi-fcgi"), "needs libfcgi-bin"))
    struct WithCGIFCGI {
        @Test func answersLibfcgisOwnClient() throws {
            let handler = RecordingHandler()
            let running = try RunningServer(handler: handler)
            defer { running.stop() }
            let body = Array(#"{"event":"order_paid","to":"шоп@пример.рф"}"#.utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/cgi-fcgi")
            process.arguments = ["-bind", "-connect", running.socketPath]
            process.environment = [
                "REQUEST_METHOD": "POST", "REQUEST_URI": "/api/v1/messages?dry=1", "QUERY_STRING": "dry=1",
                "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": "\(body.count)",
                "HTTP_AUTHORIZATION": "Bearer test-token", "REMOTE_ADDR": "198.51.100.4",
            ]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data(body))
            try input.fileHandleForWriting.close()
            let answer = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()

            let response = try FastCGITestClient.parse(Array(answer))
            #expect(process.terminationStatus == 0)
            #expect(response.status == 200)
            #expect(response.body == body)
            let request = try #require(handler.requests.first)
            #expect(request.method == .post)
            #expect(request.path == "/api/v1/messages")
            #expect(request.query == "dry=1")
            #expect(request.headers[named: "Authorization"] == "Bearer test-token")
            #expect(request.headers[named: "Content-Type"] == "application/json")
            #expect(request.remoteAddress == "198.51.100.4")
        }
    }
}
