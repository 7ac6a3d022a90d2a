import Dispatch
import FastCGI
import Foundation
import HTTPCore
import MailTestSupport
import Synchronization

/// A FastCGI server on a fresh unix socket, running on a thread of its own for one test.
final class RunningServer: Sendable {
    let server: FastCGIServer
    let directory: TemporaryDirectory
    private let returned = DispatchSemaphore(value: 0)
    private let failure = Mutex<String?>(nil)

    init(handler: any HTTPHandler, threads: Int = 4, maxBodyBytes: Int = 1 << 20, socketMode: Int = 0o660) throws {
        directory = TemporaryDirectory(prefix: "fastcgi")
        server = try FastCGIServer(
            listenOn: directory.file("app.sock"),
            threads: threads,
            maxBodyBytes: maxBodyBytes,
            socketMode: socketMode,
            handler: handler
        )
        start()
    }

    init(server: FastCGIServer, directory: TemporaryDirectory) {
        self.server = server
        self.directory = directory
        start()
    }

    private func start() {
        let server = server
        Thread.detachNewThread { [self] in
            do {
                try server.run()
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
            returned.signal()
        }
    }

    var socketPath: String { directory.file("app.sock") }

    var client: FastCGITestClient { FastCGITestClient(target: .unix(socketPath)) }

    /// The error `run()` threw, if it did.
    var runFailure: String? { failure.withLock { $0 } }

    /// Waits (up to 10 s) for `run()` to return; true at once when it has returned already.
    func waitForRun() -> Bool {
        guard returned.wait(timeout: .now() + 10) == .success else { return false }
        returned.signal()
        return true
    }

    /// Stops the server and waits for `run()` to return.
    @discardableResult
    func stop() -> Bool {
        server.stop()
        return waitForRun()
    }
}

/// Parameters nginx would send for a request, with the given extras.
func requestParameters(
    method: String = "GET",
    uri: String = "/",
    _ extra: [(String, String)] = []
) -> [(String, String)] {
    let query = uri.firstIndex(of: "?").map { String(uri[uri.index(after: $0)...]) } ?? ""
    let defaults = [
        ("REQUEST_METHOD", method), ("REQUEST_URI", uri), ("QUERY_STRING", query),
        ("DOCUMENT_URI", String(uri.prefix { $0 != "?" })), ("REMOTE_ADDR", "127.0.0.1"),
        ("SERVER_PROTOCOL", "HTTP/1.1"),
    ]
    return defaults.filter { name, _ in !extra.contains { $0.0 == name } } + extra
}
