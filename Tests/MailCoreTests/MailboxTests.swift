import MailCore
import Testing

@Suite struct MailboxTests {
    static let address = try! EmailAddress(parsing: "shop@example.ru")

    @Test(arguments: ["", "Магазин «Ромашка»", "Shop, Inc.", "👨‍👩‍👧 Семья", "tab\tinside", "=?UTF-8?Q?=0A?="])
    func acceptsAnyTextWithoutControlCharacters(name: String) throws {
        let mailbox = try Mailbox(displayName: name, address: Self.address)
        #expect(mailbox.displayName == name)
        #expect(mailbox.address == Self.address)
    }

    @Test(arguments: ["a\r\nBcc: x@y.z", "a\n", "\r", "a\u{0}", "\u{7F}", "\u{2029}", "\u{85}"])
    func refusesControlCharacters(name: String) {
        #expect(throws: HeaderProblem.controlCharacters(.displayName)) {
            try Mailbox(displayName: name, address: Self.address)
        }
    }
}
