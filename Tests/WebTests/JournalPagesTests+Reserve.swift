import Foundation
import MailCore
import MailTestSupport
import Testing

@testable import Storage

/// «Журнал» of letters a reserve profile carried.
extension JournalPagesTests {
    @Test func aLetterSentThroughAReserveNamesItAndItsFrom() throws {
        let spare = try web.createProfile(
            "Запасной",
            extra: [("sender_name", "Запасной ящик"), ("login", "spare@example.com")]
        )
        let outbox = OutboxStore(web.db)
        let id = try web.addLetter(1, profile: shop)
        let now = web.clock.now()
        _ = try outbox.claim(
            ids: [id],
            borrowed: [id],
            profileID: spare,
            by: Claimant(owner: "run", boot: Fixtures.boot),
            leaseUntil: now.addingTimeInterval(300),
            now: now
        )
        try outbox.finish(id: id, owner: "run", .sent(reply: "250 2.0.0 Ok", from: "spare@example.com"), now: now)
        let own = try web.addLetter(2, profile: shop, status: .sent)

        let journal = web.get("/journal").text
        #expect(journal.contains("<td>Запасной — через резервный профиль (профиль письма «Магазин»)</td>"))
        #expect(journal.contains("<td>Магазин</td>"), "a letter sent by its own profile: as before")
        let page = web.get("/journal/\(id)").text
        #expect(page.contains("<dd id=\"letter-sent-by\">Запасной</dd>"))
        #expect(page.contains("<dd>Запасной ящик &lt;spare@example.com&gt;</dd>"), "the From it went with")
        #expect(
            page.contains(
                "Отправлено через резервный профиль «Запасной»: в поле «От» был его адрес spare@example.com"
            )
        )
        #expect(!web.get("/journal/\(own)").text.contains("letter-sent-by"))
        web.get("/lang?to=en")
        #expect(
            web.get("/journal").text.contains(
                "Запасной, through the reserve profile (the letter&#39;s profile “Магазин”)"
            )
        )
    }
}
