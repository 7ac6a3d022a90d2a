import Foundation
import Testing

@testable import Runtime

@Suite struct TemplatesDirectoryTests {
    @Test func theOptionThenTheEnvironmentWin() throws {
        #expect(try TemplatesDirectory.resolve(option: "/x", environment: ["MAILROBOT_TEMPLATES": "/y"]) == "/x")
        #expect(try TemplatesDirectory.resolve(option: nil, environment: ["MAILROBOT_TEMPLATES": "/y"]) == "/y")
    }

    @Test func theInstalledFolderIsTheLastPlaceLookedIn() {
        #expect(
            TemplatesDirectory.candidates(executable: "/usr/bin/mailrobot-admin") == [
                "templates", "/usr/share/mailrobot/templates",
            ]
        )
        #expect(
            TemplatesDirectory.candidates(executable: "/opt/robot/bin/mailrobot-admin") == [
                "templates", "/opt/robot/share/mailrobot/templates", "/usr/share/mailrobot/templates",
            ]
        )
        #expect(TemplatesDirectory.candidates(executable: nil) == ["templates", "/usr/share/mailrobot/templates"])
    }

    @Test func theRunningBinaryIsKnownWithoutArgvZero() {
        #expect(TemplatesDirectory.runningExecutable()?.hasPrefix("/") == true)
    }
}
