import Foundation
import HTTPCore
import MailTestSupport
import Synchronization
import Testing

@testable import FastCGI

/// A signal stops every server in the process, so these tests run one at a time.
@Suite(.serialized)
struct FastCGIServerTests {
    @Test func translatesParametersIntoTheRequest() throws {
        let handler = RecordingHandler()
        let running = try RunningServer(handler: handler)
        defer { running.stop() }
        let body = Array("name=%D0%9C%D0%B0%D0%B3%D0%B0%D0%B7%D0%B8%D0%BD".utf8)
        let parameters = requestParameters(
            method: "POST",
            uri: "/profiles/7/edit?tab=limits&q=a%20b",
            [
                ("CONTENT_TYPE", "application/x-www-form-urlencoded"), ("CONTENT_LENGTH", "\(body.count)"),
                ("HTTP_X_REQUESTED_WITH", "fetch"), ("HTTP_ACCEPT_LANGUAGE", "ru-RU,ru;q=0.9"),
                ("HTTP_COOKIE", "session=abc"), ("HTTP_COOKIE", "lang=ru"), ("HTTPS", "on"),
                ("REMOTE_ADDR", "192.0.2.7"), ("SCRIPT_NAME", "/ignored"),
            ]
        )

        let response = try running.client.send(parameters, body: body)

        #expect(response.status == 200)
        #expect(response.body == body)
        let request = try #require(handler.requests.first)
        #expect(request.method == .post)
        #expect(request.path == "/profiles/7/edit")
        #expect(request.query == "tab=limits&q=a%20b")
        #expect(request.body == body)
        #expect(request.headers[named: "content-type"] == "application/x-www-form-urlencoded")
        #expect(request.headers[named: "content-length"] == "\(body.count)")
        #expect(request.headers[named: "x-requested-with"] == "fetch")
        #expect(request.headers[named: "accept-language"] == "ru-RU,ru;q=0.9")
        #expect(request.headers[named: "cookie"] == "session=abc; lang=ru")
        #expect(request.remoteAddress == "192.0.2.7")
        #expect(request.isHTTPS)
    }

    @Test func echoesABodyLargerThanOneRecord() throws {
        let running = try RunningServer(handler: RecordingHandler())
        defer { running.stop() }
        let body = FileHandler.content(size: 300_000)

        let response = try running.client.send(
            requestParameters(method: "PUT", [("CONTENT_LENGTH", "\(body.count)")]),
            body: body
        )

        #expect(response.status == 200)
        #expect(response.header("Content-Length") == "300000")
        #expect(response.body == body)
    }

    @Test func refusesADeclaredBodyOverTheLimitWithoutCallingTheHandler() throws {
        let handler = RecordingHandler()
        let running = try RunningServer(handler: handler, maxBodyBytes: 1000)
        defer { running.stop() }

        let over = try running.client.send(
            requestParameters(method: "POST", [("CONTENT_LENGTH", "200000")]),
            body: FileHandler.content(size: 200_000)
        )
        let huge = try running.client.send(
            requestParameters(method: "POST", [("CONTENT_LENGTH", "99999999999999999999999")]),
            body: [1, 2, 3]
        )
        let atLimit = try running.client.send(
            requestParameters(method: "POST", [("CONTENT_LENGTH", "1000")]),
            body: FileHandler.content(size: 1000)
        )

        #expect(over.status == 413)
        #expect(huge.status == 413)
        #expect(atLimit.status == 200)
        #expect(handler.requests.count == 1)
    }

    @Test func refusesAnUndeclaredBodyOverTheLimit() throws {
        let handler = RecordingHandler()
        let running = try RunningServer(handler: handler, maxBodyBytes: 1000)
        defer { running.stop() }

        let over = try running.client.send(requestParameters(method: "POST"), body: FileHandler.content(size: 5000))
        let under = try running.client.send(requestParameters(method: "POST"), body: [7, 8, 9])

        #expect(over.status == 413)
        #expect(under.status == 200)
        #expect(under.body == [7, 8, 9])
        #expect(handler.requests.map(\.body) == [[7, 8, 9]])
    }

    @Test(arguments: [
        ([("CONTENT_LENGTH", "12abc")], "not a number"),
        ([("CONTENT_LENGTH", "500")], "ended before"),
    ])
    func answersAMalformedBodyWith400(extra: [(String, String)], reason: String) throws {
        let handler = RecordingHandler()
        let running = try RunningServer(handler: handler)
        defer { running.stop() }

        let response = try running.client.send(requestParameters(method: "POST", extra), body: [1, 2, 3])

        #expect(response.status == 400)
        #expect(response.text.contains(reason))
        #expect(handler.requests.isEmpty)
    }

    @Test func answersAMissingMethodWith400() throws {
        let handler = RecordingHandler()
        let running = try RunningServer(handler: handler)
        defer { running.stop() }

        let response = try running.client.send([("REQUEST_URI", "/")])

        #expect(response.status == 400)
        #expect(handler.requests.isEmpty)
    }

    @Test func servesSlowRequestsAtTheSameTime() throws {
        let running = try RunningServer(handler: BarrierHandler(parties: 3), threads: 3)
        defer { running.stop() }
        let statuses = Mutex<[Int]>([])
        let done = DispatchGroup()

        for _ in 0..<3 {
            done.enter()
            Thread.detachNewThread { [client = running.client] in
                let status = (try? client.send(requestParameters()).status) ?? -1
                statuses.withLock { $0.append(status) }
                done.leave()
            }
        }

        #expect(done.wait(timeout: .now() + 20) == .success)
        #expect(statuses.withLock { $0 } == [200, 200, 200])
    }

    @Test func streamsATemporaryFileAndDeletesIt() throws {
        let directory = TemporaryDirectory(prefix: "fastcgi-files")
        let handler = FileHandler(directory: directory.path, size: 5_000_000)
        let running = try RunningServer(handler: handler)
        defer { running.stop() }

        let response = try running.client.send(requestParameters(uri: "/export.xlsx"))

        #expect(response.status == 200)
        #expect(response.header("Content-Length") == "5000000")
        #expect(response.body == FileHandler.content(size: 5_000_000))
        #expect(handler.madeFiles.count == 1)
        #expect(!FileManager.default.fileExists(atPath: handler.madeFiles[0]))
    }

    @Test func answersHEADWithTheHeadOnly() throws {
        let directory = TemporaryDirectory(prefix: "fastcgi-files")
        let handler = FileHandler(directory: directory.path, size: 1000)
        let running = try RunningServer(handler: handler)
        defer { running.stop() }

        let response = try running.client.send(requestParameters(method: "HEAD"))

        #expect(response.status == 200)
        #expect(response.header("Content-Length") == "1000")
        #expect(response.body.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: handler.madeFiles[0]))
    }

    @Test func survivesClientsThatHangUpMidAnswer() throws {
        let directory = TemporaryDirectory(prefix: "fastcgi-files")
        let files = FileHandler(directory: directory.path, size: 8_000_000)
        let running = try RunningServer(handler: files, threads: 2)
        defer { running.stop() }

        for _ in 0..<4 {
            try running.client.sendAndHangUp(requestParameters(), afterReading: 1000)
        }
        let response = try running.client.send(requestParameters())

        #expect(response.status == 200)
        #expect(response.body.count == 8_000_000)
        #expect(files.madeFiles.count == 5)
        #expect(files.madeFiles.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
    }

    @Test func survivesAClientThatHangsUpBeforeTheAnswer() throws {
        let big = HTTPResponse(status: .ok, body: .bytes([UInt8](repeating: 65, count: 4_000_000)))
        let running = try RunningServer(handler: FixedHandler(response: big), threads: 1)
        defer { running.stop() }

        try running.client.sendAndHangUp(requestParameters(), afterReading: 0)
        try running.client.sendAndHangUp(requestParameters(), afterReading: 100)
        let response = try running.client.send(requestParameters())

        #expect(response.status == 200)
        #expect(response.body.count == 4_000_000)
    }

    @Test func noHeaderFieldCanSplitTheResponse() throws {
        var response = HTTPResponse(status: .ok, body: .bytes(Array("ok".utf8)))
        response.headers[HTTPField.Name("X-Fine")!] = "yes"
        response.headers[HTTPField.Name("X-Split")!] = "a\r\nSet-Cookie: stolen=1"
        response.headers[HTTPField.Name("Status")!] = "500 Oops"
        #expect(HTTPField.Name("Bad Name") == nil)
        let running = try RunningServer(handler: FixedHandler(response: response))
        defer { running.stop() }

        let answer = try running.client.send(requestParameters())

        #expect(answer.status == 200)
        #expect(answer.header("X-Fine") == "yes")
        #expect(answer.header("Set-Cookie") == nil)
        #expect(answer.header("X-Split") == "a  Set-Cookie: stolen=1")
        #expect(answer.header("Status") == nil)
        #expect(answer.text == "ok")
    }

    @Test func stopReturnsAndRemovesTheSocket() throws {
        let running = try RunningServer(handler: RecordingHandler())
        #expect(try running.client.send(requestParameters()).status == 200)

        #expect(running.stop())
        #expect(running.runFailure == nil)
        #expect(!FileManager.default.fileExists(atPath: running.socketPath))
        #expect(throws: FastCGIError.alreadyRun) { try running.server.run() }
    }

    @Test func stopBeforeRunMakesRunReturnAtOnce() throws {
        let directory = TemporaryDirectory(prefix: "fastcgi")
        let server = try FastCGIServer(listenOn: directory.file("app.sock"), threads: 2, handler: RecordingHandler())
        server.stop()

        try server.run()

        #expect(!FileManager.default.fileExists(atPath: directory.file("app.sock")))
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func stopsOnASignalAndPutsTheOldHandlerBack(signal: Int32) throws {
        var before = sigaction()
        sigaction(signal, nil, &before)
        let running = try RunningServer(handler: RecordingHandler())
        defer { running.stop() }
        // An answer proves run() has set up its signal handling (it does so before starting workers).
        #expect(try running.client.send(requestParameters()).status == 200)

        kill(getpid(), signal)

        #expect(running.waitForRun())
        #expect(!FileManager.default.fileExists(atPath: running.socketPath))
        var after = sigaction()
        sigaction(signal, nil, &after)
        #expect(
            unsafeBitCast(after.__sigaction_handler.sa_handler, to: Int.self)
                == unsafeBitCast(before.__sigaction_handler.sa_handler, to: Int.self)
        )
    }
}
