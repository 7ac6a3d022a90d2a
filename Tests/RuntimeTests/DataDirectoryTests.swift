import ArgumentParser
import Foundation
import MailTestSupport
import Runtime
import Testing

@Suite struct DataDirectoryTests {
    @Test func optionThenEnvironmentThenDefault() {
        #expect(DataDirectory(option: "/srv/robot/", environment: ["MAILROBOT_DATA": "/env"]).path == "/srv/robot")
        #expect(DataDirectory(option: nil, environment: ["MAILROBOT_DATA": "/env"]).path == "/env")
        #expect(DataDirectory(option: nil, environment: ["MAILROBOT_DATA": ""]).path == "data")
        #expect(DataDirectory(option: nil, environment: [:]).databasePath == "data/mailrobot.sqlite")
    }

    @Test func anEmptyDataOptionIsRefused() {
        #expect(throws: (any Error).self) { try DataOptions.parse(["--data", ""]) }
        #expect(throws: Never.self) { try DataOptions.parse(["--data", "/tmp/x"]) }
    }

    @Test func initialiseIsIdempotentAndMakesAPrivateKey() throws {
        let folder = TemporaryDirectory()
        let directory = DataDirectory(option: folder.file("data"))
        #expect(try directory.initialise().count == 3)
        #expect(try directory.initialise().isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: directory.keyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        _ = try directory.loadKey()
    }
}
