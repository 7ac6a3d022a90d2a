import Testing

@testable import FastCGI

struct ListenAddressTests {
    @Test(arguments: [
        ("/var/lib/mailrobot/mailrobot.sock", ListenAddress.unix(path: "/var/lib/mailrobot/mailrobot.sock")),
        ("data/mailrobot.sock", .unix(path: "data/mailrobot.sock")),
        ("mailrobot.sock", .unix(path: "mailrobot.sock")),
        ("/tmp/odd:name.sock", .unix(path: "/tmp/odd:name.sock")),
        ("127.0.0.1:9001", .tcp(host: "127.0.0.1", port: 9001)),
        ("localhost:0", .tcp(host: "localhost", port: 0)),
        ("[::1]:9001", .tcp(host: "::1", port: 9001)),
        ("0.0.0.0:9001", .tcp(host: "0.0.0.0", port: 9001)),
    ])
    func parses(text: String, expected: ListenAddress) throws {
        #expect(try ListenAddress(parsing: text) == expected)
    }

    @Test(arguments: ["", ":9001", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:90x1", "host name:80", "[::1:80"])
    func refuses(text: String) {
        #expect(throws: FastCGIError.self) { try ListenAddress(parsing: text) }
    }

    @Test func refusesAPathTooLongForASocket() {
        let path = "/tmp/" + String(repeating: "a", count: ListenAddress.maxPathBytes)
        #expect(throws: FastCGIError.self) { try ListenAddress(parsing: path) }
        #expect(throws: Never.self) { try ListenAddress(parsing: String(path.prefix(ListenAddress.maxPathBytes))) }
    }

    @Test func theAllInterfacesShorthandNamesTheFix() {
        #expect(
            throws: FastCGIError.invalidAddress(
                ":9001",
                reason: "give the host: 127.0.0.1:PORT for this machine only, 0.0.0.0:PORT for every interface"
            )
        ) { try ListenAddress(parsing: ":9001") }
    }
}
