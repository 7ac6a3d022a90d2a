import Foundation
import HTTPCore
import MailTestSupport
import Storage
import Testing

/// «Журнал» and a letter's page through `AdminApp.handle`.
@Suite struct JournalPagesTests {
    let web: WebHarness
    let shop: Int64
    let mailing: Int64

    init() throws {
        web = try WebHarness()
        web.logIn()
        shop = try web.createProfile("Магазин")
        mailing = try web.createProfile("Рассылка")
    }

    @Test func listsLettersNewestFirstWithRussianStatusesAndColumns() throws {
        let queued = try web.addLetter(1, profile: shop)
        let sending = try web.addLetter(2, profile: shop, status: .sending)
        let sent = try web.addLetter(3, profile: mailing, status: .sent, event: "password_reset")
        let failed = try web.addLetter(4, profile: shop, status: .failed)
        let cancelled = try web.addLetter(5, profile: shop, status: .cancelled)
        let response = web.get("/journal")
        #expect(response.status == 200)
        let page = response.text
        #expect(
            ProfileExportTests.headers(of: page) == [
                "№", "Создано", "Статус", "Профиль", "Событие", "Получатель", "Тема", "Попыток", "Следующая попытка",
                "Отправлено", "Результат",
            ]
        )
        #expect(web.journalRowIDs == [cancelled, failed, sent, sending, queued])
        for text in [
            ">в очереди<", ">отправляется<", ">отправлено<", ">ошибка<", ">отменено<", "01.12.2026 12:00", "Рассылка",
            "client3@example.com", "Заказ 3", "550 5.1.1 &lt;x@example.com&gt;: no such user", "250 2.0.0 Ok: queued",
            "Выгрузка в Microsoft Excel", "href=\"/journal/export.xlsx\"", "href=\"/journal/\(sent)\"",
            "id=\"nav-journal\"", "Журнал",
        ] {
            #expect(page.contains(text), "missing \(text)")
        }
        #expect(!page.contains("id=\"journal-next\""))
        #expect(!page.contains("id=\"journal-first\""))
    }

    @Test func possibleDuplicateIsMarked() throws {
        let id = try web.addLetter(1, profile: shop)
        let outbox = OutboxStore(web.db)
        let now = web.clock.now()
        _ = try outbox.claim(id: id, owner: "dead", leaseUntil: now.addingTimeInterval(60), now: now)
        try outbox.recoverExpiredClaims(profileID: shop, now: now.addingTimeInterval(120), boot: Fixtures.boot)
        #expect(web.get("/journal").text.contains("в очереди (возможен дубль)"))
        let letter = web.get("/journal/\(id)").text
        #expect(letter.contains("в очереди (возможен дубль)"))
        #expect(letter.contains("запуск робота прервался"))
    }

    @Test func filtersNarrowTheListAndStayInTheForm() throws {
        let failedShop = try web.addLetter(1, profile: shop, status: .failed)
        let failedMailing = try web.addLetter(2, profile: mailing, status: .failed, event: "order_paid")
        let ivanov = try web.addLetter(3, profile: shop, status: .sent, to: "ivan@mail.example", name: "Иванов Иван")
        let queued = try web.addLetter(4, profile: mailing)

        web.get("/journal?status=failed")
        #expect(web.journalRowIDs == [failedMailing, failedShop])
        #expect(web.lastPage.contains("<option value=\"failed\" selected>ошибка</option>"))
        web.get("/journal?profile=\(mailing)")
        #expect(web.journalRowIDs == [queued, failedMailing])
        #expect(web.lastPage.contains("<option value=\"\(mailing)\" selected>Рассылка</option>"))
        web.get("/journal?event=order_paid")
        #expect(web.journalRowIDs == [failedMailing])
        web.get("/journal?recipient=%D0%98%D0%92%D0%90%D0%9D%D0%9E%D0%92")  // «ИВАНОВ»
        #expect(web.journalRowIDs == [ivanov])
        #expect(web.lastPage.contains("value=\"ИВАНОВ\""))
        web.get("/journal?status=failed&profile=\(shop)")
        #expect(web.journalRowIDs == [failedShop])
        #expect(web.lastPage.contains("href=\"/journal/export.xlsx?status=failed&amp;profile=\(shop)\""))
        web.get("/journal?status=sent&recipient=nobody")
        #expect(web.journalRowIDs.isEmpty)
        #expect(web.lastPage.contains("Писем, подходящих под фильтры, нет."))
    }

    @Test func datesAreDaysInTheShopsTimeZone() throws {
        // Moscow is UTC+3: 30.11 20:30 UTC is still 30 November there, 21:30 UTC is 1 December.
        let late = try web.addLetter(1, profile: shop, at: date("2026-11-30T20:30:00Z"))
        let early = try web.addLetter(2, profile: shop, at: date("2026-11-30T21:30:00Z"))
        let next = try web.addLetter(3, profile: shop, at: date("2026-12-01T21:30:00Z"))
        web.get("/journal?date_from=2026-12-01&date_to=2026-12-01")
        #expect(web.journalRowIDs == [early])
        web.get("/journal?date_to=2026-11-30")
        #expect(web.journalRowIDs == [late])
        web.get("/journal?date_from=2026-12-01")
        #expect(web.journalRowIDs == [next, early])
        #expect(web.lastPage.contains("value=\"2026-12-01\""))
        try SettingsStore(web.db).set("timezone", "UTC")
        web.get("/journal?date_from=2026-12-01&date_to=2026-12-01")
        #expect(web.journalRowIDs == [next])
    }

    @Test func badParametersAreIgnoredWithANote() throws {
        let id = try web.addLetter(1, profile: shop)
        let response = web.get(
            "/journal?status=lost&profile=abc&event=DROP%20TABLE&recipient=ab&date_from=2026-02-30&date_to=31.12.2026&before=-1"
        )
        #expect(response.status == 200)
        #expect(web.journalRowIDs == [id])
        for note in [
            "фильтр по статусу не применён", "фильтр по профилю не применён", "фильтр по событию не применён",
            "не меньше 3 символов", "Дата «с» не распознана", "Дата «по» не распознана", "показаны самые новые письма",
        ] {
            #expect(web.lastPage.contains(note), "missing note \(note)")
        }
        #expect(web.lastPage.contains("value=\"ab\""), "the typed text stays in the form")
        #expect(web.lastPage.contains("href=\"/journal/export.xlsx\""), "ignored filters are not exported")
        web.get("/journal?profile=987654")
        #expect(web.lastPage.contains("Такого профиля нет"))
        #expect(web.journalRowIDs == [id])
        web.get("/journal?date_from=2026-12-02&date_to=2026-12-01")
        #expect(web.lastPage.contains("Дата «с» позже даты «по»"))
        web.get("/journal?recipient=%00%00%00abc")
        #expect(web.lastPage.contains("управляющие символы"))
        #expect(web.journalRowIDs == [id])
        #expect(web.get("/journal?status=%FF").status == 400)
    }

    @Test func pagesByIdCarryingTheFilters() throws {
        var ids: [Int64] = []
        for number in 1...120 {
            ids.append(try web.addLetter(number, profile: shop, status: number == 7 ? .sent : .queued))
        }
        let newest = Array(ids.filter { $0 != ids[6] }.reversed())
        web.get("/journal?status=queued")
        #expect(web.journalRowIDs == Array(newest[0..<50]))
        let next = try #require(link("journal-next"))
        #expect(next == "/journal?status=queued&amp;before=\(newest[49])")
        web.get(next.replacingOccurrences(of: "&amp;", with: "&"))
        #expect(web.journalRowIDs == Array(newest[50..<100]))
        #expect(link("journal-first") == "/journal?status=queued")
        web.get(try #require(link("journal-next")).replacingOccurrences(of: "&amp;", with: "&"))
        #expect(web.journalRowIDs == Array(newest[100...]))
        #expect(link("journal-next") == nil)
    }

    @Test func letterPageShowsHeadersPartsAndAttempts() throws {
        let id = try web.addLetter(
            1,
            profile: shop,
            status: .failed,
            to: "ivan@example.com",
            name: "Иван",
            subject: "Ваш заказ №42",
            text: "Здравствуйте!\nЗаказ принят."
        )
        let response = web.get("/journal/\(id)")
        #expect(response.status == 200)
        let page = response.text
        for text in [
            "Письмо № \(id)", "Магазин &lt;shop@example.com&gt;", "Иван &lt;ivan@example.com&gt;", "Ваш заказ №42",
            "&lt;m1@shop.example&gt;", "Здравствуйте!\nЗаказ принят.", ">ошибка<", "ошибка, письмо не отправлено",
            "адрес получателя (RCPT TO)", "550 5.1.1 &lt;x@example.com&gt;: no such user", "id=\"letter-retry\"",
            "href=\"/journal/\(id)/retry\"", "href=\"/journal/retry-failed/\(shop)\"",
        ] {
            #expect(page.contains(text), "missing \(text)")
        }
        #expect(!page.contains("id=\"letter-cancel\""), "a failed letter cannot be cancelled")
    }

    @Test func hostileLetterHTMLOnlyReachesTheSandboxedFrameEscaped() throws {
        let html = "<img src=x onerror=\"alert(1)\"><script>alert('x')</script>\"><a href=\"javascript:alert(2)\">"
        let id = try web.addLetter(
            1,
            profile: shop,
            subject: "<script>alert(3)</script>",
            text: "</pre><script>alert(4)</script>",
            html: html
        )
        let page = web.get("/journal/\(id)").text
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<img src=x"))
        #expect(!page.contains("javascript:alert(2)\">"))
        let escaped = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        let frame = try #require(page.range(of: "<iframe").map { String(page[$0.lowerBound...].prefix { $0 != ">" }) })
        #expect(frame.contains("sandbox=\"\""))
        #expect(frame.contains("srcdoc=\"\(escaped)"))
        #expect(page.contains("<pre id=\"letter-html-source\">\(escaped)"))
        #expect(page.contains("&lt;script&gt;alert(3)&lt;/script&gt;"))
        #expect(page.contains("&lt;/pre&gt;&lt;script&gt;alert(4)&lt;/script&gt;"))
        web.get("/journal")
        #expect(!web.lastPage.contains("<script>alert"))
    }

    @Test func unknownLettersAndAddressesAreNotFound() throws {
        #expect(web.get("/journal/999").status == 404)
        #expect(web.get("/journal/abc").status == 404)
        #expect(web.get("/journal/1/forward").status == 404)
        #expect(web.get("/journal/retry-failed/x").status == 404)
        #expect(web.get("/journal/1/retry/now").status == 404)
        web.get("/journal")
        let token = web.csrfToken
        #expect(web.post("/journal", [], csrf: token).status == 405)
        #expect(web.post("/journal/1", [], csrf: token).status == 405)
    }

    @Test func journalNeedsASession() throws {
        let stranger = try WebHarness()
        let response = stranger.get("/journal")
        #expect(response.status == 303)
        #expect(response.header("Location") == "/login?next=%2Fjournal")
        #expect(stranger.get("/journal/export.xlsx").status == 303)
    }

    @Test func speaksEnglishToo() throws {
        try web.addLetter(1, profile: shop, status: .failed)
        web.get("/lang?to=en&back=%2Fjournal")
        let page = web.get("/journal").text
        #expect(page.contains(">failed<"))
        #expect(page.contains("Server reply"))
        #expect(page.contains(">Journal<"))
    }

    /// The `href` of the link with `id` on the last page (as written in the HTML).
    private func link(_ id: String) -> String? {
        let anchor = web.lastPage.components(separatedBy: "<a ").dropFirst().first { $0.contains("id=\"\(id)\"") }
        return anchor?.range(of: "href=\"").map { String(anchor![$0.upperBound...].prefix { $0 != "\"" }) }
    }

    @Test func testLettersStayOutUntilTheToggleOrTheirEventAsks() throws {
        let order = try web.addLetter(1, profile: shop)
        let test = try web.addLetter(2, profile: shop, event: "test", isTest: true)
        web.get("/journal")
        #expect(web.journalRowIDs == [order])
        #expect(web.lastPage.contains("<input id=\"f-tests\" name=\"tests\" type=\"checkbox\" value=\"1\">"))
        web.get("/journal?tests=1")
        #expect(web.journalRowIDs == [test, order])
        #expect(web.lastPage.contains("value=\"1\" checked>"))
        web.get("/journal?event=test")
        #expect(web.journalRowIDs == [test])
        guard case .temporaryFile(let path) = web.get("/journal/export.xlsx").body else {
            Issue.record("expected a streamed file")
            return
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let book = try XLSXFile(path: path).load()
        #expect(book.rows.dropFirst().map { Int64($0[0]?.text ?? "") } == [order], "the file leaves them out too")
    }

    @Test func statusIsABadgeAndNoCellBreaksAWord() throws {
        let address = "very.long.recipient.address.of.a.customer@subdomain.example.com"
        let id = try web.addLetter(1, profile: shop, status: .failed, to: address)
        let page = web.get("/journal").text
        #expect(page.contains("<td class=\"c-status\"><span class=\"badge status-failed\">ошибка</span></td>"))
        #expect(!page.contains("<tr id=\"letter-\(id)\" class="), "the row itself is not coloured")
        #expect(
            page.contains("<td class=\"c-clipped\" title=\"\(address)\"><span class=\"clip\">\(address)</span></td>")
        )
        #expect(page.contains("<td class=\"c-time\">01.12.2026 12:00</td>"))
        #expect(page.contains("<fieldset class=\"filter date-range\" id=\"journal-dates\">"))
    }

    /// A letter that waits on a profile which cannot send (a refused login, no reserve) shows no
    /// next attempt: the stored one would be a time at which nothing happens.
    @Test func aLetterThatWillNotLeaveSaysSoInsteadOfATime() throws {
        try ProfileStore(web.db).markBroken(id: mailing, reply: "535 5.7.8 refused", now: web.clock.now())
        let stuck = try web.addLetter(1, profile: mailing)
        let leaving = try web.addLetter(2, profile: shop)
        let page = web.get("/journal").text
        func row(_ id: Int64) throws -> Substring {
            let start = try #require(page.range(of: "<tr id=\"letter-\(id)\""))
            let rest = page[start.lowerBound...]
            return rest[..<(rest.range(of: "</tr>")?.lowerBound ?? rest.endIndex)]
        }
        let stuckRow = try row(stuck)
        #expect(stuckRow.contains("title=\"не уйдёт, пока профиль не исправлен или не изменены лимиты\""))
        #expect(!stuckRow.contains("<td class=\"c-time\">01.12.2026 12:00</td><td class=\"c-time\"></td>"))
        #expect(stuckRow.contains("<td class=\"c-number\">0</td><td class=\"c-time\"></td>"), "\(stuckRow)")
        #expect(try row(leaving).contains("title=\"уйдёт около "))
    }

    @Test(arguments: [
        (
            "dns: Could not resolve host: smtp.mail.ru", "Ошибка: сервер не найден (DNS)",
            "Error: server not found (DNS)"
        ),
        ("auth: login refused", "Ошибка: вход не принят", "Error: login refused"),
        ("data: no answer in time", "Ошибка: нет ответа вовремя", "Error: no answer in time"),
        (
            "recipient: 550 5.1.1 no such user", "Ответ сервера: 550 5.1.1 no such user",
            "Server reply: 550 5.1.1 no such user"
        ),
    ])
    func outcomeSaysServerReplyOnlyForOne(recorded: String, russian: String, english: String) throws {
        let id = try web.addLetter(1, profile: shop, status: .failed, reply: recorded)
        #expect(web.get("/journal").text.contains(">\(russian)</span>"))
        let letter = web.get("/journal/\(id)").text
        let (label, text) = try #require(russian.split(separator: ": ", maxSplits: 1).map(String.init).pairs)
        #expect(letter.contains("<dt>\(label)</dt><dd id=\"letter-outcome\">\(text)</dd>"))
        #expect(!letter.contains("Ответ сервера: Could not"))
        web.get("/lang?to=en&back=%2Fjournal")
        #expect(web.get("/journal").text.contains(">\(english)</span>"))
    }

    private func date(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso)!
    }
}

extension Array where Element == String {
    /// The first two elements, when there are exactly two.
    fileprivate var pairs: (String, String)? { count == 2 ? (self[0], self[1]) : nil }
}
