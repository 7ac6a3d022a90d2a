import FastCGI
import Foundation
import HTTPCore
import MailTestSupport
import Testing

extension FastCGIServerTests {
    /// The server behind nginx running the production rules of nginx.conf, started by scripts/nginx-local.sh.
    @Suite(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx")
                && FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"),
            "needs nginx and curl"
        )
    )
    final class BehindNginx {
        let handler = RecordingPageHandler()
        let running: RunningServer
        let publicFolder = TemporaryDirectory(prefix: "nginx-public")
        let prefix = TemporaryDirectory(prefix: "nginx-prefix")
        let port: UInt16

        init() throws {
            running = try RunningServer(handler: handler)
            try Data("body { color: #333 }\n".utf8).write(to: URL(fileURLWithPath: publicFolder.file("app.css")))
            try Data("not for the web".utf8).write(to: URL(fileURLWithPath: publicFolder.file(".gitkeep")))
            port = try freeLoopbackPort()
            let started = try runScript(["start", prefix.path, "\(port)", running.socketPath, publicFolder.path])
            #expect(started.status == 0, "\(started.output)")
        }

        deinit {
            _ = try? runScript(["stop", prefix.path])
            running.stop()
        }

        @Test func servesAPageWithTheSecurityHeaders() throws {
            let page = try fetch("/profiles?page=2", headers: ["Proxy: http://attacker.example:8080"])

            #expect(page.status == 200)
            #expect(page.body == "<h1>Профили</h1>")
            expectSecurityHeaders(page)
            #expect(page.headers["server"] == "nginx")
            let request = try #require(handler.requests.first)
            #expect(request.path == "/profiles")
            #expect(request.query == "page=2")
            #expect(request.remoteAddress == "127.0.0.1")
            #expect(!request.isHTTPS)
            #expect(request.headers[named: "proxy"] ?? "" == "")
        }

        @Test func servesAStaticFileWithCachingAndTheSecurityHeaders() throws {
            let file = try fetch("/static/app.css")

            #expect(file.status == 200)
            #expect(file.body == "body { color: #333 }\n")
            #expect(file.headers["content-type"] == "text/css; charset=utf-8")
            #expect(file.headers["cache-control"] == "max-age=3600")
            expectSecurityHeaders(file)
            #expect(handler.requests.isEmpty)
        }

        @Test(arguments: ["/static/missing.css", "/static/.gitkeep", "/missing-page"])
        func answersNotFoundWithTheSecurityHeaders(path: String) throws {
            let answer = try fetch(path)

            #expect(answer.status == 404)
            expectSecurityHeaders(answer)
        }

        @Test func refusesABodyOverOneMegabyteBeforeTheServer() throws {
            let body = publicFolder.file("big.bin")
            try Data(count: 1_100_000).write(to: URL(fileURLWithPath: body))

            let answer = try fetch("/api/v1/messages", extra: ["--data-binary", "@\(body)"])

            #expect(answer.status == 413)
            expectSecurityHeaders(answer)
            #expect(handler.requests.isEmpty)
        }

        @Test func passesAPostBody() throws {
            let answer = try fetch("/login", extra: ["--data-binary", "name=admin&password=%D1%8F"])

            #expect(answer.status == 200)
            let request = try #require(handler.requests.first)
            #expect(request.method == .post)
            #expect(request.body == Array("name=admin&password=%D1%8F".utf8))
            #expect(request.headers[named: "content-type"] == "application/x-www-form-urlencoded")
        }

        private func expectSecurityHeaders(_ answer: Fetched, sourceLocation: SourceLocation = #_sourceLocation) {
            let policy = answer.headers["content-security-policy"] ?? ""
            for directive in [
                "default-src 'self'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'",
                "object-src 'none'", "script-src 'self';",
            ] {
                #expect(policy.contains(directive), "\(directive)", sourceLocation: sourceLocation)
            }
            #expect(answer.headers["x-frame-options"] == "DENY", sourceLocation: sourceLocation)
            #expect(answer.headers["x-content-type-options"] == "nosniff", sourceLocation: sourceLocation)
            #expect(answer.headers["referrer-policy"] == "same-origin", sourceLocation: sourceLocation)
        }

        struct Fetched {
            var status: Int
            var headers: [String: String]
            var body: String
        }

        private func fetch(_ path: String, headers: [String] = [], extra: [String] = []) throws -> Fetched {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments =
                ["-sS", "-i", "--max-time", "10"] + headers.flatMap { ["-H", $0] } + extra
                + ["http://127.0.0.1:\(port)\(path)"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let text = String(decoding: data, as: UTF8.self)
            let parts = text.components(separatedBy: "\r\n\r\n")
            let lines = parts[0].components(separatedBy: "\r\n")
            var fields: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                    in: .whitespaces
                )
            }
            let status = Int(lines[0].split(separator: " ").dropFirst().first ?? "") ?? 0
            return Fetched(status: status, headers: fields, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
        }
    }
}

/// Answers `/missing-page` with 404 and any other path with a small page, keeping every request.
final class RecordingPageHandler: HTTPHandler {
    private let recorder = RecordingHandler()

    var requests: [HTTPRequest] { recorder.requests }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        _ = recorder.handle(request)
        if request.path == "/missing-page" {
            return HTTPResponse(
                status: .notFound,
                contentType: "text/html; charset=utf-8",
                text: "<h1>Нет такой страницы</h1>"
            )
        }
        return HTTPResponse(status: .ok, contentType: "text/html; charset=utf-8", text: "<h1>Профили</h1>")
    }
}

/// Runs scripts/nginx-local.sh with `arguments`, returning its exit status and output.
func runScript(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [root.appendingPathComponent("scripts/nginx-local.sh").path] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// A TCP port on 127.0.0.1 that was free a moment ago.
func freeLoopbackPort() throws -> UInt16 {
    let probe = try FastCGIServer(listenOn: "127.0.0.1:0", threads: 1, handler: RecordingHandler())
    return UInt16(probe.boundAddress.split(separator: ":").last!)!
}
