import Foundation
import MailCore
import Testing

struct AlertMessageTests {
    let facts = AlertMessage.Facts(
        profileID: 3,
        profileName: "Магазин \"A\"",
        host: "smtp.mail.ru",
        reply: "535 5.7.8 Authentication failed",
        queuedPriority: 2,
        queuedRegular: 10,
        time: "07.12.2026 06:00:00",
        timestamp: "2026-12-07T03:00:00Z"
    )

    @Test func brokenProfileLetterSaysWhatAndWhatToDo() {
        let message = AlertMessage(AlertChange(profileID: 3, from: .ok, to: .broken), facts: facts)
        #expect(
            message.subject
                == "mailrobot: профиль «Магазин \"A\"»: ошибка входа / profile “Магазин \"A\"”: login failed"
        )
        #expect(message.text.contains("Ответ сервера: 535 5.7.8 Authentication failed"))
        #expect(message.text.contains("Писем в очереди профиля: 12 (приоритетных 2)."))
        #expect(message.text.contains("Fix the password"))
    }

    /// The English half of every alert reads as English: no «» quotes, no Russian words.
    @Test(arguments: AlertState.allCases)
    func theEnglishHalfHasNoRussian(state: AlertState) {
        let from: AlertState = state == .ok ? .broken : .ok
        let message = AlertMessage(AlertChange(profileID: 3, from: from, to: state), facts: facts)
        let english = message.text.components(separatedBy: "\n\n")[1].replacingOccurrences(of: "Магазин", with: "")
        #expect(!english.contains("«") && !english.contains("»"), "\(english)")
        #expect(!english.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "\(english)")
    }

    @Test func webhookJSONCarriesTheFactsByName() throws {
        let message = AlertMessage(AlertChange(profileID: 3, from: .broken, to: .ok), facts: facts)
        let json = try JSONValue(parsing: Array(message.json.utf8))
        let fields = try #require(json.objectValue)
        #expect(fields["event"] == .string("profile_recovered"))
        #expect(fields["state"] == .string("ok"))
        #expect(fields["previous_state"] == .string("broken"))
        #expect(fields["text"] == .string(message.text))
        #expect(fields["at"] == .string("2026-12-07T03:00:00Z"))
        #expect(fields["profile"]?.objectValue?["name"] == .string("Магазин \"A\""))
        #expect(message.subject.contains("снова работает (было: ошибка входа)"))
    }
}
