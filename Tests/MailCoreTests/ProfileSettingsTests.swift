import MailCore
import MailTestSupport
import Testing

@Suite struct ProfileSettingsTests {
    private func stored(_ settings: ProfileSettings) -> Profile {
        Profile(
            id: 3,
            name: settings.name,
            host: settings.host,
            port: settings.port,
            security: settings.security,
            senderName: settings.senderName,
            senderEmail: settings.senderEmail,
            login: settings.login,
            isDefault: false,
            limits: settings.limits,
            updatedAt: Fixtures.now
        )
    }

    @Test(arguments: ["host", "port", "security", "login"])
    func changingTheConnectionWithoutAPasswordDropsIt(field: String) {
        var settings = Fixtures.settings()
        let profile = stored(settings)
        settings.newPassword = nil
        #expect(!settings.dropsStoredPassword(of: profile))
        switch field {
        case "host": settings.host = "smtp.attacker.example"
        case "port": settings.port = 587
        case "security": settings.security = .starttls
        default: settings.login = "other@example.com"
        }
        #expect(settings.dropsStoredPassword(of: profile))
        settings.newPassword = "typed again"
        #expect(!settings.dropsStoredPassword(of: profile))
    }

    @Test func otherChangesKeepThePassword() {
        var settings = Fixtures.settings()
        let profile = stored(settings)
        settings.newPassword = nil
        settings.name = "Другое имя"
        settings.senderName = "Другой отправитель"
        settings.limits.maxPerDay = 7
        settings.allowPrivateHost = true
        #expect(!settings.dropsStoredPassword(of: profile))
    }
}
