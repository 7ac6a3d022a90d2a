import MailCore
import Testing

struct AlertSettingsTests {
    @Test func recipientsAreSplitCheckedAndDeduplicated() throws {
        let list = try AlertSettings.recipients(parsing: "admin@shop.ru, boss@shop.ru;\nadmin@shop.ru  ops@shop.ru")
        #expect(list.map(\.address) == ["admin@shop.ru", "boss@shop.ru", "ops@shop.ru"])
        #expect(try AlertSettings.recipients(parsing: " \n ").isEmpty)
    }

    @Test func aBadAddressIsNamed() {
        #expect {
            try AlertSettings.recipients(parsing: "admin@shop.ru, admin.shop.ru")
        } throws: { error in
            guard let problem = error as? AlertSettings.Problem else { return false }
            return problem.field == "alert_recipients" && problem.message.ru.contains("admin.shop.ru")
        }
    }

    @Test func tooManyAddresses() {
        let many = (1...21).map { "a\($0)@shop.ru" }.joined(separator: ",")
        #expect(throws: AlertSettings.Problem.self) { try AlertSettings.recipients(parsing: many) }
    }

    @Test func webhookIsOptional() throws {
        #expect(try AlertSettings.webhook(parsing: "  ") == nil)
        #expect(
            try AlertSettings.webhook(parsing: "https://hooks.example.com/x")?.shownForm == "https://hooks.example.com"
        )
        #expect {
            try AlertSettings.webhook(parsing: "javascript:alert(1)")
        } throws: { ($0 as? AlertSettings.Problem)?.field == "alert_webhook" }
    }

    @Test func hoursAreOneToTwentyFour() throws {
        #expect(try AlertSettings.hours(parsing: " 6 ") == 6)
        #expect(try AlertSettings.hours(parsing: "24") == 24)
        for bad in ["0", "25", "-1", "1.5", "", "six"] {
            #expect(throws: AlertSettings.Problem.self) { try AlertSettings.hours(parsing: bad) }
        }
        #expect(AlertSettings().hours == 6)
        #expect(!AlertSettings().isActive)
    }
}
