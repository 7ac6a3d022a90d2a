import Foundation
import Secrets
import Testing

@Suite struct SecretKeyTests {
    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("mailrobot-key-\(UUID().uuidString)").path
    }

    @Test func createThenLoad() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try SecretKey.create(at: path))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let key = try SecretKey.load(from: path)
        let binding = PasswordBinding(profileID: 1, host: "smtp.example.com", port: 465, login: "shop")
        let sealed = try PasswordSealer(key: key).seal("x", for: binding)
        #expect(try PasswordSealer(key: SecretKey.load(from: path)).open(sealed, for: binding).password == "x")
    }

    @Test func createKeepsAnExistingKey() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SecretKey.create(at: path)
        let before = try String(contentsOfFile: path, encoding: .utf8)
        #expect(try SecretKey.create(at: path) == false)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    }

    @Test func missingKeyIsRefused() {
        #expect(throws: SecretKey.Problem.missing(path: "/nonexistent/secret.key")) {
            try SecretKey.load(from: "/nonexistent/secret.key")
        }
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o700])
    func readableByOthersIsRefused(mode: Int) throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SecretKey.create(at: path)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        #expect(throws: SecretKey.Problem.self) { try SecretKey.load(from: path) }
        do {
            _ = try SecretKey.load(from: path)
        } catch {
            #expect(!error.description.contains("\n"))
            #expect(error.description.contains("0600"))
        }
    }

    @Test func garbageIsRefused() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = FileManager.default.createFile(
            atPath: path,
            contents: Data("not a key".utf8),
            attributes: [.posixPermissions: 0o600]
        )
        #expect(throws: SecretKey.Problem.malformed(path: path)) { try SecretKey.load(from: path) }
    }
}
