import Foundation
import HTTPCore
import MailTestSupport
import Testing

@testable import Storage

/// Retry, cancel and «retry all failed letters of a profile»: a confirmation page, then a POST
/// with the CSRF token, then a message.
@Suite struct JournalActionsTests {
    let web: WebHarness
    let shop: Int64

    init() throws {
        web = try WebHarness()
        web.logIn()
        shop = try web.createProfile("Магазин")
    }

    private func status(_ id: Int64) throws -> LetterStatus? {
        try OutboxStore(web.db).find(id: id)?.status
    }

    @Test func retryAFailedLetterAfterConfirming() throws {
        let id = try web.addLetter(1, profile: shop, status: .failed)
        web.get("/journal/\(id)")
        let confirm = web.get("/journal/\(id)/retry")
        #expect(confirm.status == 200)
        #expect(web.lastPage.contains("Повторить отправку письма"))
        #expect(web.lastPage.contains("<form method=\"post\" action=\"/journal/\(id)/retry\""))
        #expect(web.lastPage.contains("name=\"csrf_token\""))
        #expect(try status(id) == .failed, "asking changes nothing")

        let response = web.post("/journal/\(id)/retry", [])
        #expect(response.status == 303)
        #expect(response.header("Location") == "/journal/\(id)")
        #expect(try status(id) == .queued)
        let page = web.get(try #require(response.header("Location"))).text
        #expect(page.contains("Письмо возвращено в очередь"))
        #expect(page.contains("администратор вернул письмо в очередь"))
        #expect(!web.get("/journal/\(id)").text.contains("Письмо возвращено"), "a reload does not repeat it")
    }

    @Test func actionsWithoutTheFormTokenAreRefused() throws {
        let failed = try web.addLetter(1, profile: shop, status: .failed)
        let queued = try web.addLetter(2, profile: shop)
        web.get("/journal/\(failed)/retry")
        for path in ["/journal/\(failed)/retry", "/journal/\(queued)/cancel", "/journal/retry-failed/\(shop)"] {
            #expect(web.post(path, [], csrf: "").status == 403, "\(path) without a token")
            #expect(web.post(path, [], csrf: "forged-token").status == 403, "\(path) with a forged token")
        }
        #expect(try status(failed) == .failed)
        #expect(try status(queued) == .queued)
    }

    @Test func retryingASentLetterDoesNothingAndSaysSo() throws {
        let id = try web.addLetter(1, profile: shop, status: .sent)
        let confirm = web.get("/journal/\(id)/retry").text
        #expect(confirm.contains("Письмо уже отправлено — повторять нечего."))
        #expect(!confirm.contains("id=\"confirm-submit\""))
        #expect(!web.get("/journal/\(id)").text.contains("id=\"letter-retry\""))
        let response = web.post("/journal/\(id)/retry", [])
        #expect(response.header("Location") == "/journal/\(id)?done=retry_sent")
        #expect(try status(id) == .sent)
        #expect(web.get("/journal/\(id)?done=retry_sent").text.contains("Письмо уже отправлено — повторять нечего."))
    }

    @Test func cancelAQueuedLetterButNotOneOnTheWire() throws {
        let queued = try web.addLetter(1, profile: shop)
        let sending = try web.addLetter(2, profile: shop, status: .sending)
        web.get("/journal/\(queued)")
        #expect(web.lastPage.contains("href=\"/journal/\(queued)/cancel\""))
        web.get("/journal/\(queued)/cancel")
        #expect(web.lastPage.contains("Отменить письмо?"))
        let response = web.post("/journal/\(queued)/cancel", [])
        #expect(response.header("Location") == "/journal/\(queued)")
        #expect(try status(queued) == .cancelled)
        #expect(web.get("/journal/\(queued)").text.contains("Письмо отменено и отправлено не будет."))
        #expect(!web.get("/journal/\(queued)").text.contains("Письмо отменено"), "a reload does not repeat it")

        #expect(web.get("/journal/\(sending)/cancel").text.contains("отменить его уже нельзя"))
        let refused = web.post("/journal/\(sending)/cancel", [])
        #expect(refused.header("Location") == "/journal/\(sending)?done=cancel_sending")
        #expect(try status(sending) == .sending)
    }

    @Test func retryAllFailedLettersOfAProfile() throws {
        let other = try web.createProfile("Рассылка")
        let failed = [
            try web.addLetter(1, profile: shop, status: .failed), try web.addLetter(2, profile: shop, status: .failed),
        ]
        let elsewhere = try web.addLetter(3, profile: other, status: .failed)
        web.get("/journal?profile=\(shop)")
        #expect(web.lastPage.contains("href=\"/journal/retry-failed/\(shop)\""))
        #expect(web.lastPage.contains("Повторить все письма с ошибкой профиля «Магазин» (2)"))
        let confirm = web.get("/journal/retry-failed/\(shop)").text
        #expect(confirm.contains("<a href=\"/journal?profile=\(shop)&amp;status=failed\" id=\"confirm-back\">"))
        #expect(web.lastPage.contains("Вернуть в очередь все письма с ошибкой профиля «Магазин» (2)?"))
        let response = web.post("/journal/retry-failed/\(shop)", [])
        #expect(response.header("Location") == "/journal?profile=\(shop)&status=queued")
        for id in failed { #expect(try status(id) == .queued) }
        #expect(try status(elsewhere) == .failed)
        web.get(try #require(response.header("Location")))
        #expect(web.lastPage.contains("Писем возвращено в очередь: 2."))
        #expect(Set(web.journalRowIDs) == Set(failed))
        web.get(try #require(response.header("Location")))
        #expect(!web.lastPage.contains("Писем возвращено в очередь"), "a reload does not repeat it")

        web.get("/journal/retry-failed/\(shop)")
        #expect(web.lastPage.contains("У этого профиля нет писем с ошибкой."))
        #expect(!web.lastPage.contains("id=\"confirm-submit\""))
        #expect(web.get("/journal/retry-failed/999").status == 404)
        web.get("/journal")
        let token = web.csrfToken
        #expect(web.post("/journal/retry-failed/999", [], csrf: token).status == 404)
        #expect(web.post("/journal/999/retry", [], csrf: token).status == 404)
    }

    @Test func aFailedLetterOffersSendNowOnlyWhenTheLimitsAllow() throws {
        let free = try web.addLetter(1, profile: shop, status: .failed)
        let page = web.get("/journal/\(free)").text
        #expect(page.contains(">Отправить сейчас</a>"))
        #expect(!page.contains("id=\"letter-retry-reason\""))
        #expect(web.get("/journal/\(free)/retry").text.contains("Отправить письмо сейчас?"))

        // One regular letter a day (two, one of them priority): the one sent uses it up.
        let narrow = try web.createProfile(
            "Узкий",
            extra: [("max_per_day", "2"), ("priority_per_day", "1"), ("batch_size", "1")]
        )
        try web.addLetter(2, profile: narrow, status: .sent)
        let held = try web.addLetter(3, profile: narrow, status: .failed)
        let heldPage = web.get("/journal/\(held)").text
        #expect(heldPage.contains(">Вернуть в очередь</a>"))
        #expect(!heldPage.contains("Отправить сейчас"))
        #expect(heldPage.contains("суточная доля обычных писем профиля исчерпана"))
        let confirm = web.get("/journal/\(held)/retry").text
        #expect(confirm.contains("Вернуть письмо в очередь?"))
        #expect(confirm.contains(">Вернуть в очередь</button>"))
        #expect(web.post("/journal/\(held)/retry", []).status == 303)
        #expect(try status(held) == .queued)
    }

    @Test func aQueuedLetterWaitingForItsRetryCanBeSentNow() throws {
        let id = try web.addLetter(1, profile: shop)
        let now = web.clock.now()
        try web.db.execute(
            "UPDATE letters SET attempts = 1, next_attempt_at = ? WHERE id = ?",
            [now.addingTimeInterval(3600), id]
        )
        #expect(web.get("/journal/\(id)").text.contains(">Отправить сейчас</a>"))
        #expect(web.get("/journal/\(id)/retry").text.contains("Отправить письмо сейчас?"))
        #expect(web.post("/journal/\(id)/retry", []).status == 303)
        let letter = try #require(try OutboxStore(web.db).find(id: id))
        #expect(letter.status == .queued && abs(letter.nextAttemptAt.timeIntervalSince(now)) < 1)
        // Due now: nothing to hurry.
        #expect(!web.get("/journal/\(id)").text.contains("id=\"letter-retry\""))
        #expect(web.get("/journal/\(id)/retry").text.contains("Письмо уже в очереди"))
    }
}
