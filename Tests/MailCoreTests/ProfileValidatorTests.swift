import MailCore
import MailTestSupport
import Testing

@Suite struct ProfileValidatorTests {
    private func errors(_ change: (inout ProfileDraft) -> Void, isNew: Bool = true) -> FieldErrors<ProfileField> {
        var draft = Fixtures.draft()
        change(&draft)
        do {
            _ = try ProfileValidator.validate(draft, isNew: isNew)
            return FieldErrors()
        } catch {
            return error
        }
    }

    @Test func validDraftPasses() throws {
        let settings = try ProfileValidator.validate(Fixtures.draft(), isNew: true)
        #expect(settings.name == "Магазин")
        #expect(settings.port == 465)
        #expect(settings.security == .ssl)
        #expect(settings.senderEmail.address == "shop@example.com")
        #expect(settings.newPassword == "app-password")
        #expect(settings.limits == ProfileLimits.defaults)
    }

    @Test func reserveIsAProfileIDOrNone() throws {
        var draft = Fixtures.draft()
        #expect(try ProfileValidator.validate(draft, isNew: true).reserveID == nil, "«нет»")
        draft.reserve = " 7 "
        #expect(try ProfileValidator.validate(draft, isNew: true).reserveID == 7)
        for bad in ["abc", "-1", "0", "1 OR 1=1", "99999999999"] {
            #expect(errors { $0.reserve = bad }[.reserve] == ReserveProblem.unknown.message, "\(bad)")
        }
    }

    @Test(arguments: [ProfileField.name, .host, .login])
    func requiredFields(field: ProfileField) {
        let found = errors { $0[field] = "   " }
        #expect(found[field] != nil)
    }

    @Test func passwordRequiredOnlyWhenNew() {
        #expect(errors({ $0.password = "" }, isNew: true)[.password] != nil)
        #expect(errors({ $0.password = "" }, isNew: false).isEmpty)
    }

    @Test func emptyPasswordOnEditKeepsStoredOne() throws {
        var draft = Fixtures.draft()
        draft.password = ""
        #expect(try ProfileValidator.validate(draft, isNew: false).newPassword == nil)
    }

    @Test(arguments: ["0", "65536", "-1", "25a", "4 65", "99999999999999999999", "１２３"])
    func portOutOfRange(port: String) {
        #expect(errors { $0.port = port }[.port] != nil)
    }

    @Test(arguments: [(SecurityMode.ssl, 465), (.starttls, 587), (.none, 25)])
    func emptyPortIsSuggestedFromSecurity(mode: SecurityMode, port: Int) throws {
        var draft = Fixtures.draft()
        draft.port = ""
        draft.security = mode.rawValue
        draft.allowPlainAuth = mode == .none
        #expect(try ProfileValidator.validate(draft, isNew: true).port == port)
    }

    /// SSL «Нет» with a login would send the password in clear text: refused at the SSL field,
    /// unless «Разрешить пароль без шифрования» is ticked.
    @Test func noEncryptionWithALoginNeedsThePlainTextPermission() throws {
        let found = errors {
            $0.security = SecurityMode.none.rawValue
            $0.port = "25"
        }
        #expect(found[.security]?.ru.contains("Разрешить пароль без шифрования") == true)
        #expect(found[.security]?.en.contains("Allow the password without encryption") == true)
        var draft = Fixtures.draft()
        draft.security = SecurityMode.none.rawValue
        draft.port = "25"
        draft.allowPlainAuth = true
        let settings = try ProfileValidator.validate(draft, isNew: true)
        #expect(settings.allowPlainAuth && !settings.allowPrivateHost)
    }

    @Test func encryptedModesNeedNoPermission() throws {
        for mode in [SecurityMode.ssl, .starttls] {
            var draft = Fixtures.draft()
            draft.security = mode.rawValue
            #expect(try ProfileValidator.validate(draft, isNew: true).allowPlainAuth == false)
        }
    }

    @Test func unknownSecurityIsRefused() {
        #expect(errors { $0.security = "tls13" }[.security] != nil)
    }

    @Test(arguments: [
        "smtp mail.ru", "smtp://smtp.mail.ru", "smtp..mail.ru", "-smtp.mail.ru", "smtp_mail.ru", "a\r\nb",
    ])
    func badHostsAreRefused(host: String) {
        #expect(errors { $0.host = host }[.host] != nil)
    }

    @Test(arguments: [
        ("smtp.mail.ru", "smtp.mail.ru"), ("SMTP.Yandex.RU", "smtp.yandex.ru"), ("127.0.0.1", "127.0.0.1"),
        ("::1", "[::1]"), ("[2001:db8::25]", "[2001:db8::25]"), ("mail", "mail"),
        ("почта.президент.рф", "xn--80a1acny.xn--d1abbgf6aiiy.xn--p1ai"),
    ])
    func goodHostsAreNormalised(host: String, expected: String) throws {
        var draft = Fixtures.draft()
        draft.host = host
        #expect(try ProfileValidator.validate(draft, isNew: true).host == expected)
    }

    @Test(arguments: [ProfileField.name, .senderName, .login, .password])
    func lineBreaksAreRefused(field: ProfileField) {
        for injected in ["a\rb", "a\nBcc: x@evil.example", "a\u{0}b", "a\u{2028}b"] {
            #expect(
                errors { $0[field] = "x" + injected }[field] != nil,
                "\(field) accepted \(injected.debugDescription)"
            )
        }
    }

    @Test func senderEmailDefaultsToLoginAddress() throws {
        var draft = Fixtures.draft(login: "robot@shop.example")
        draft.senderEmail = ""
        #expect(try ProfileValidator.validate(draft, isNew: true).senderEmail.address == "robot@shop.example")
    }

    @Test func senderEmailIsNeededWhenLoginIsNotAnAddress() {
        let found = errors {
            $0.login = "robot"
            $0.senderEmail = ""
        }
        #expect(found[.senderEmail] != nil)
    }

    @Test func badSenderEmailIsRefused() {
        #expect(errors { $0.senderEmail = "shop@@example.com" }[.senderEmail] != nil)
        #expect(errors { $0.senderEmail = "shop@example.com\r\nBcc: x@y.z" }[.senderEmail] != nil)
    }

    @Test(arguments: [
        (ProfileField.maxPerDay, "0"), (.maxPerDay, "abc"), (.maxPerDay, "1.5"), (.batchSize, "0"),
        (.intervalMinutes, "-5"), (.priorityPerDay, "x"), (.maxPerDay, ""),
    ])
    func limitsMustBeWholeNumbersInRange(field: ProfileField, value: String) {
        #expect(errors { $0[field] = value }[field] != nil)
    }

    @Test func priorityShareCannotExceedDailyMaximum() {
        let found = errors {
            $0.maxPerDay = "10"
            $0.priorityPerDay = "11"
        }
        #expect(found[.priorityPerDay] != nil)
        #expect(
            errors({
                $0.maxPerDay = "10"
                $0.priorityPerDay = "10"
            }).isEmpty
        )
    }

    @Test func intervalZeroMeansEveryRun() throws {
        var draft = Fixtures.draft()
        draft.intervalMinutes = "0"
        #expect(try ProfileValidator.validate(draft, isNew: true).limits.intervalMinutes == 0)
    }

    @Test func everyMessageHasBothLanguages() {
        let found = errors {
            $0.name = ""
            $0.port = "0"
            $0.maxPerDay = "x"
        }
        for message in found.messages.values {
            #expect(!message.ru.isEmpty && !message.en.isEmpty)
            #expect(message.ru != message.en)
        }
    }
}
