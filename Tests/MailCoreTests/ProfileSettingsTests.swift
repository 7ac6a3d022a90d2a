import MailCore
import MailTestSupport
import Testing

@Suite struct ProfileSettingsTests {
    @Test(arguments: ["host", "port", "security", "login"])
    func changingTheConnectionWithoutAPasswordDropsIt(field: String) {
        var settings = Fixtures.settings()
        let profile = Fixtures.profile(settings)
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
        let profile = Fixtures.profile(settings)
        settings.newPassword = nil
        settings.name = "Другое имя"
        settings.senderName = "Другой отправитель"
        settings.limits.maxPerDay = 7
        settings.allowPrivateHost = true
        #expect(!settings.dropsStoredPassword(of: profile))
    }
}
