import Foundation
import MailTestSupport
import Testing

@testable import FastCGI

/// The listening socket: its mode and group, a stale or live socket in the way, TCP addresses.
extension FastCGIServerTests {
    @Test func theSocketIsReadWriteForOwnerAndGroupOnly() throws {
        // Under the usual umask 022 the socket would be born 0640: the group could not connect.
        let running = try RunningServer(handler: RecordingHandler())
        defer { running.stop() }

        let attributes = try FileManager.default.attributesOfItem(atPath: running.socketPath)

        #expect((attributes[.posixPermissions] as? Int) == 0o660)
        #expect((attributes[.type] as? FileAttributeType) == .typeSocket)
    }

    @Test func aStricterModeIsKept() throws {
        let running = try RunningServer(handler: RecordingHandler(), socketMode: 0o600)
        defer { running.stop() }

        let attributes = try FileManager.default.attributesOfItem(atPath: running.socketPath)

        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test(arguments: [0o666, 0o662, 0o400, 0o4660])
    func refusesASocketModeOpenToOthersOrClosedToTheOwner(mode: Int) {
        let directory = TemporaryDirectory(prefix: "fastcgi")
        #expect(throws: FastCGIError.self) {
            try FastCGIServer(
                listenOn: directory.file("app.sock"),
                threads: 1,
                socketMode: mode,
                handler: RecordingHandler()
            )
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("app.sock")))
    }

    @Test func givesTheSocketToTheNamedGroup() throws {
        // As root (CI) the socket can go to any group; otherwise only to one of our own.
        let name = geteuid() == 0 ? "nogroup" : String(cString: getgrgid(getegid())!.pointee.gr_name)
        let expected = getgrnam(name)!.pointee.gr_gid
        let directory = TemporaryDirectory(prefix: "fastcgi")
        let server = try FastCGIServer(
            listenOn: directory.file("app.sock"),
            threads: 1,
            socketGroup: name,
            handler: RecordingHandler()
        )
        let running = RunningServer(server: server, directory: directory)
        defer { running.stop() }

        var info = stat()
        #expect(lstat(running.socketPath, &info) == 0)
        #expect(info.st_gid == expected)
        #expect(info.st_mode & 0o777 == 0o660)
    }

    @Test func refusesAnUnknownGroup() {
        let directory = TemporaryDirectory(prefix: "fastcgi")
        #expect(throws: FastCGIError.unknownGroup("no-such-group-mailrobot")) {
            try FastCGIServer(
                listenOn: directory.file("app.sock"),
                threads: 1,
                socketGroup: "no-such-group-mailrobot",
                handler: RecordingHandler()
            )
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("app.sock")))
    }

    @Test func replacesTheSocketFileOfADeadServer() throws {
        let directory = TemporaryDirectory(prefix: "fastcgi")
        let path = directory.file("app.sock")
        let dead = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(dead, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        close(dead)
        #expect(bound == 0)
        #expect(FileManager.default.fileExists(atPath: path))

        let server = try FastCGIServer(listenOn: path, threads: 1, handler: RecordingHandler())
        let running = RunningServer(server: server, directory: directory)
        defer { running.stop() }

        #expect(try running.client.send(requestParameters()).status == 200)
    }

    @Test func refusesTheSocketOfALiveServerAndLeavesItServing() throws {
        let running = try RunningServer(handler: RecordingHandler())
        defer { running.stop() }

        #expect(throws: FastCGIError.socketInUse(path: running.socketPath)) {
            try FastCGIServer(listenOn: running.socketPath, threads: 1, handler: RecordingHandler())
        }
        #expect(try running.client.send(requestParameters()).status == 200)
    }

    @Test func refusesToReplaceAFileThatIsNotASocket() throws {
        let directory = TemporaryDirectory(prefix: "fastcgi")
        let path = directory.file("mailrobot.sqlite")
        try Data("precious".utf8).write(to: URL(fileURLWithPath: path))

        #expect(throws: FastCGIError.notASocket(path: path)) {
            try FastCGIServer(listenOn: path, threads: 1, handler: RecordingHandler())
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
    }

    @Test func listensOnTheLoopbackHostGiven() throws {
        let server = try FastCGIServer(listenOn: "127.0.0.1:0", threads: 2, handler: RecordingHandler())
        let running = RunningServer(server: server, directory: TemporaryDirectory(prefix: "fastcgi"))
        defer { running.stop() }
        let address = server.boundAddress
        #expect(address.hasPrefix("127.0.0.1:"))
        let port = try #require(UInt16(address.dropFirst("127.0.0.1:".count)))

        let response = try FastCGITestClient(target: .tcp(host: "127.0.0.1", port: port))
            .send(requestParameters(method: "POST", [("CONTENT_LENGTH", "2")]), body: [1, 2])

        #expect(response.status == 200)
        #expect(response.body == [1, 2])
    }

    @Test func aPortInUseIsAnErrorNotAnExit() throws {
        let first = try FastCGIServer(listenOn: "127.0.0.1:0", threads: 1, handler: RecordingHandler())

        #expect(throws: FastCGIError.self) {
            try FastCGIServer(listenOn: first.boundAddress, threads: 1, handler: RecordingHandler())
        }
    }

    @Test(arguments: [0, 257])
    func refusesAThreadCountOutOfRange(threads: Int) {
        #expect(throws: FastCGIError.self) {
            try FastCGIServer(listenOn: "127.0.0.1:0", threads: threads, handler: RecordingHandler())
        }
    }
}
