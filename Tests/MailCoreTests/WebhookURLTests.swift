import MailCore
import Testing

struct WebhookURLTests {
    @Test func telegramURLKeepsItsTokenOutOfTheShownForm() throws {
        let url = try WebhookURL(parsing: "  https://api.telegram.org/bot123:ABC-def/sendMessage?chat_id=-100 ")
        #expect(url.text == "https://api.telegram.org/bot123:ABC-def/sendMessage?chat_id=-100")
        #expect(url.shownForm == "https://api.telegram.org")
    }

    @Test func hostsAndPorts() throws {
        #expect(try WebhookURL(parsing: "http://127.0.0.1:8099/hook").shownForm == "http://127.0.0.1:8099")
        #expect(try WebhookURL(parsing: "http://[::1]:80").shownForm == "http://[::1]:80")
        #expect(
            try WebhookURL(parsing: "https://user:secret@hooks.example.com/x").shownForm == "https://hooks.example.com"
        )
        #expect(try WebhookURL(parsing: "HTTPS://Hooks.Example.com").shownForm == "https://hooks.example.com")
    }

    @Test(arguments: [
        ("ftp://example.com/x", WebhookURL.Problem.notHTTP),
        ("file:///etc/passwd", .notHTTP),
        ("example.com/hook", .notHTTP),
        ("https://exa mple.com/", .invalidCharacters),
        ("https://example.com/\r\nX: y", .invalidCharacters),
        ("https://пример.рф/", .invalidCharacters),
        ("https:///path", .invalidHost),
        ("https://exa_mple..com/", .invalidHost),
        ("https://example.com:0/", .invalidPort),
        ("https://example.com:70000/", .invalidPort),
        ("https://example.com:8a/", .invalidPort),
        ("https://[zz]:80/", .invalidHost),
    ])
    func refused(_ text: String, _ problem: WebhookURL.Problem) {
        #expect(throws: problem) { try WebhookURL(parsing: text) }
    }

    @Test func tooLong() {
        #expect(throws: WebhookURL.Problem.tooLong) {
            try WebhookURL(parsing: "https://example.com/" + String(repeating: "a", count: 2000))
        }
    }
}
