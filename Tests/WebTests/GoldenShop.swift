import Foundation
import MailCore
import MailTestSupport
import Storage
import Web

/// The fixed data set the golden pages are rendered from: three profiles in three states, the
/// shipped events and one of the admin's own, two API tokens (one revoked), and 64 letters of
/// every status over the days before `Fixtures.now`, some with attempts.
struct GoldenShop {
    let web: WebHarness
    /// The default profile (smtp.mail.ru, so the form shows Mail.ru's note).
    let main: Int64
    /// Paused after a 421, with a name that needs escaping.
    let bulk: Int64
    /// Broken after a 535.
    let gmail: Int64
    /// Letters worth a page of their own.
    let sent: Int64
    let failed: Int64
    let queued: Int64
    let duplicate: Int64
    let tricky: Int64

    init(transport: ScriptedTransport = ScriptedTransport()) throws {
        let web = try WebHarness(transport: transport)
        self.web = web
        web.logIn()
        main = try web.createProfile(
            "Основной",
            extra: [("host", "smtp.mail.ru"), ("login", "shop@mail.ru"), ("is_default", "1")]
        )
        bulk = try web.createProfile(
            "Рассылка <b>&«»",
            extra: [
                ("host", "smtp.yandex.ru"), ("port", "587"), ("security", "starttls"), ("sender_name", "Shop & Co"),
                ("max_per_day", "500"), ("interval_minutes", "0"), ("batch_size", "50"), ("priority_per_day", "0"),
                ("limits_confirmed", "0/500"),
            ]
        )
        gmail = try web.createProfile(
            "Gmail",
            extra: [
                ("host", "smtp.gmail.com"), ("security", "none"), ("port", "25"), ("sender_name", ""),
                ("allow_plain_auth", "1"),
            ]
        )
        web.get("/profiles")  // shows, and so ends, «Профиль «Gmail» создан.»
        let now = web.clock.now()
        let profiles = ProfileStore(web.db)
        try profiles.pause(id: bulk, until: now.addingTimeInterval(3_600), reply: "421 4.7.0 Try again later", now: now)
        try profiles.markBroken(id: gmail, reply: "535 5.7.8 Username and Password not accepted", now: now)
        try ShippedEventsInstaller.install(from: WebHarness.templates, into: web.db, now: now)
        _ = try EventStore(web.db).add(
            StoredEvent(
                code: "review_request",
                name: "Отзыв о заказе",
                subject: "Оцените заказ {{order}}",
                html: "<p>{{message}}</p>",
                sample: "{\"message\": \"Спасибо!\", \"order\": \"A-1\"}",
                updatedAt: now
            )
        )
        _ = try TokenStore(web.db).add(name: "shop-backend", digest: String(repeating: "a", count: 64), now: now)
        _ = try TokenStore(web.db).add(name: "old <token>", digest: String(repeating: "b", count: 64), now: now)
        try TokenStore(web.db).revoke(id: 2, now: now.addingTimeInterval(60))

        // A letter a dead run may have sent: taken back, then sent again.
        let outbox = OutboxStore(web.db)
        duplicate = try web.addLetter(61, profile: main, at: now.addingTimeInterval(-600))
        _ = try outbox.claim(id: duplicate, owner: "dead", leaseUntil: now.addingTimeInterval(-60), now: now)
        _ = try outbox.recoverExpiredClaims(profileID: main, now: now, boot: Fixtures.boot)
        _ = try outbox.claim(id: duplicate, owner: "run", leaseUntil: now.addingTimeInterval(300), now: now)
        try outbox.finish(id: duplicate, owner: "run", .sent(reply: "250 2.0.0 Ok: queued as 4F2"), now: now)
        let events = ["order_placed", "order_paid", "password_reset", "registration_confirmation", "gone_event"]
        var ids: [Int64] = []
        for number in 1...60 {
            let status: LetterStatus =
                switch number % 6 {
                case 0: .failed
                case 1, 4: .sent
                case 2: .queued
                case 3: .cancelled
                default: .sending
                }
            ids.append(
                try web.addLetter(
                    number,
                    profile: number % 7 == 0 ? bulk : main,
                    status: status,
                    event: events[number % events.count],
                    name: number % 5 == 0 ? "Клиент \(number)" : "",
                    at: now.addingTimeInterval(Double(number - 61) * 3_517)
                )
            )
        }
        sent = ids[0]
        failed = ids[5]
        queued = ids[1]
        tricky = try web.addLetter(
            62,
            profile: main,
            status: .failed,
            event: "order_placed",
            to: "o'brien@example.com",
            name: "O'Brien \"Bob\" <script>",
            subject: "Заказ <№62> & «скидка»",
            text: "Строка 1\nСтрока 2 <b>не жирная</b>",
            html: "<p onclick=\"alert(1)\">HTML &amp; <script>alert('x')</script></p>",
            at: now.addingTimeInterval(-300),
            reply: "552 5.2.2 Mailbox full: <o'brien@example.com>"
        )
        try web.addLetter(63, profile: gmail, status: .failed, event: "order_paid", at: now.addingTimeInterval(-200))
        try web.addLetter(64, profile: main, html: "", at: now.addingTimeInterval(-100))
    }
}
