import Foundation
import MailCore
import MailTestSupport
import Testing

@Suite struct ProfileConditionTests {
    let now = Date(timeIntervalSince1970: 1_796_115_600)

    private func words(_ condition: ProfileCondition, _ language: Language = .ru) -> String {
        condition.text(language) { "t\(Int($0.timeIntervalSince(now)))" }
    }

    /// A new profile is «Не проверен» until something went through it, not «Работает».
    @Test func aNewProfileIsNotChecked() {
        let condition = ProfileCondition(of: Fixtures.profile(), now: now)
        #expect(condition == .unchecked)
        #expect(words(condition) == "Не проверен" && words(condition, .en) == "Not checked")
    }

    @Test func aSuccessMakesItWork() {
        let condition = ProfileCondition(of: Fixtures.profile(health: ProfileHealth(lastSuccessAt: now)), now: now)
        #expect(condition == .working)
        #expect(words(condition) == "Работает")
    }

    /// After a failed check: «Ошибка: <cause>, <time>», in words, until a later success.
    @Test func aFailureNewerThanTheLastSuccessIsAnError() {
        let failed = ProfileHealth(
            lastSuccessAt: now.addingTimeInterval(-3600),
            lastFailure: "dns: Could not resolve host: smtp.mail.ru",
            lastFailureAt: now.addingTimeInterval(-60)
        )
        let condition = ProfileCondition(of: Fixtures.profile(health: failed), now: now)
        #expect(words(condition) == "Ошибка: сервер не найден (DNS), t-60")
        #expect(words(condition, .en) == "Error: server not found (DNS), t-60")
        let neverWorked = ProfileHealth(lastFailure: "greeting: no answer in 30 s", lastFailureAt: now)
        #expect(
            words(ProfileCondition(of: Fixtures.profile(health: neverWorked), now: now))
                == "Ошибка: нет ответа за 30 с, t0"
        )
        var recovered = failed
        recovered.lastSuccessAt = now
        #expect(ProfileCondition(of: Fixtures.profile(health: recovered), now: now) == .working)
    }

    @Test func aRefusedLoginAndAPauseComeFirst() {
        let failed = ProfileHealth(lastSuccessAt: now, lastFailure: "connect: refused", lastFailureAt: now)
        let broken = ProfileCondition(
            of: Fixtures.profile(state: .broken(reply: "535 5.7.8 bad", since: now), health: failed),
            now: now
        )
        #expect(broken == .loginFailed(since: now, reply: "535 5.7.8 bad"))
        #expect(words(broken) == "Ошибка входа" && broken.reply == "535 5.7.8 bad")
        let until = now.addingTimeInterval(900)
        let paused = ProfileCondition(
            of: Fixtures.profile(state: .paused(until: until, reply: "451 slow down")),
            now: now
        )
        #expect(words(paused) == "Пауза до t900" && words(paused, .en) == "Paused until t900")
        // A pause that has ended is no state of its own.
        #expect(ProfileCondition(of: Fixtures.profile(state: .paused(until: now, reply: "")), now: now) == .unchecked)
    }
}
