import Testing

@testable import FastCGI

struct ListenReachTests {
    @Test(arguments: [
        ("/var/lib/mailrobot/mailrobot.sock", ListenReach.unixSocket),
        ("data/mailrobot.sock", .unixSocket),
        ("127.0.0.1:9001", .loopback),
        ("127.8.9.10:9001", .loopback),
        ("localhost:9001", .loopback),
        ("[::1]:9001", .loopback),
        ("[::ffff:127.0.0.1]:9001", .loopback),
        ("0.0.0.0:9001", .network(host: "0.0.0.0")),
        ("[::]:9001", .network(host: "::")),
        ("192.168.1.10:9001", .network(host: "192.168.1.10")),
        ("128.0.0.1:9001", .network(host: "128.0.0.1")),
        ("[::2]:9001", .network(host: "::2")),
        ("panel.example.ru:9001", .network(host: "panel.example.ru")),
    ])
    func tellsWhoCanConnect(address: String, expected: ListenReach) throws {
        #expect(try ListenReach(address: address) == expected)
    }

    @Test func refusesWhatTheServerRefuses() {
        #expect(throws: FastCGIError.self) { try ListenReach(address: ":9001") }
    }
}
