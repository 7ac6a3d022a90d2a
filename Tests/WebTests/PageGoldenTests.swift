import Foundation
import HTTPCore
import MailCore
import MailTestSupport
import Testing

@testable import Storage
@testable import Web

/// Every page of the panel in the states worth seeing, rendered from `GoldenShop` at
/// `Fixtures.now` and compared byte for byte with `Golden/<name>.txt` (status, header fields and
/// body). Random tokens (sessions, CSRF, a new API token) are replaced by `«random»`.
///
/// `MAILROBOT_RECORD_GOLDEN=1 swift test --filter PageGoldenTests` writes the files anew; a
/// change to them is a change to what admins see, to be read in the diff.
@Suite struct PageGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: GoldenPage.all)
    func pageIsUnchanged(_ page: GoldenPage) throws {
        let (web, response) = try page.render()
        #expect(!response.status.reasonPhrase.isEmpty, "\(response.status.code) has no reason phrase")
        let actual = Self.snapshot(response, web: web)
        let file = Self.folder.appendingPathComponent(page.name + ".txt")
        if ProcessInfo.processInfo.environment["MAILROBOT_RECORD_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        guard actual != expected else { return }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line =
            zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actualLines.count, expectedLines.count)
        Issue.record(
            """
            \(page.name) differs from Golden/\(page.name).txt at line \(line + 1):
            expected: \(line < expectedLines.count ? String(expectedLines[line]) : "(end)")
            actual:   \(line < actualLines.count ? String(actualLines[line]) : "(end)")
            """
        )
    }

    /// Status, header fields sorted by name, a blank line, the body; random tokens replaced.
    static func snapshot(_ response: HTTPResponse, web: WebHarness) -> String {
        var secrets = Set(web.cookies.values)
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0]
            if let equals = pair.firstIndex(of: "=") { secrets.insert(String(pair[pair.index(after: equals)...])) }
        }
        var body = response.text
        secrets.insert(web.csrfToken)
        // A new API token, and a kept password (sealed with a random nonce).
        for (marker, end) in [
            ("id=\"new-token-value\" class=\"secret\">", "<"), ("name=\"password_kept\" value=\"", "\""),
        ] {
            if let range = body.range(of: marker) {
                secrets.insert(String(body[range.upperBound...].prefix { String($0) != end }))
            }
        }
        var head = "HTTP \(response.status.code)\n"
        for field in response.headers.sorted(by: { $0.name.canonicalName < $1.name.canonicalName }) {
            head += "\(field.name.rawName): \(field.value)\n"
        }
        for secret in secrets.sorted(by: { $0.count > $1.count }) where secret.count >= 16 {
            body = body.replacingOccurrences(of: secret, with: "«random»")
            head = head.replacingOccurrences(of: secret, with: "«random»")
        }
        return head + "\n" + body
    }
}

/// One page in one state: its file name and how to get it.
struct GoldenPage: Sendable, CustomTestStringConvertible {
    let name: String
    let render: @Sendable () throws -> (WebHarness, HTTPResponse)

    var testDescription: String { name }

    /// A page of a fresh `GoldenShop`, logged in.
    static func shop(_ name: String, _ get: @escaping @Sendable (GoldenShop) throws -> HTTPResponse) -> GoldenPage {
        GoldenPage(name: name) {
            let shop = try GoldenShop()
            return (shop.web, try get(shop))
        }
    }

    /// A page of a fresh `GoldenShop`, logged in, after switching the panel to English.
    static func english(_ name: String, _ get: @escaping @Sendable (GoldenShop) throws -> HTTPResponse) -> GoldenPage {
        shop(name) { shop in
            shop.web.get("/lang?to=en")
            return try get(shop)
        }
    }

    /// A page of an empty panel (only the admin exists), not logged in.
    static func bare(_ name: String, _ get: @escaping @Sendable (WebHarness) throws -> HTTPResponse) -> GoldenPage {
        GoldenPage(name: name) {
            let web = try WebHarness()
            return (web, try get(web))
        }
    }

    static let all: [GoldenPage] = access + profiles + checks + events + tokens + journal + letters + settings

    static let access: [GoldenPage] = [
        bare("login") { $0.get("/login") },
        bare("login_next") { $0.get("/login?next=%2Fjournal%3Fstatus%3Dfailed") },
        bare("login_failed") { web in
            web.get("/login")
            return web.post("/login", [("name", "admin <x>"), ("password", "wrong")])
        },
        bare("login_wait") { web in
            web.get("/login")
            for _ in 0..<3 { web.post("/login", [("name", "admin"), ("password", "wrong")]) }
            return web.post("/login", [("name", "admin"), ("password", "wrong")])
        },
        bare("login_busy") { web in
            web.get("/login")
            #expect(web.derivations.enter() && web.derivations.enter())
            defer {
                web.derivations.leave()
                web.derivations.leave()
            }
            return web.post("/login", [("name", "admin"), ("password", "correct horse battery")])
        },
        bare("login_en") { web in
            web.get("/lang?to=en&back=%2Flogin")
            return web.get("/login")
        },
        bare("login_done") { web in
            web.get("/login")
            return web.post("/login", [("name", "admin"), ("password", "correct horse battery"), ("next", "/events")])
        },
        bare("home_redirect") { $0.get("/") },
        bare("page_needs_login") { $0.get("/profiles?x=1") },
        bare("head_login") { web in web.app.handle(HTTPRequest(method: .head, path: "/login")) },
        bare("language_switch") { $0.get("/lang?to=en&back=%2Fjournal%3Fstatus%3Dsent") },
        bare("error_session_ended") { web in
            web.logIn()
            web.get("/profiles/new")
            web.clock.advance(by: 31 * 60)
            return web.post("/profiles", WebHarness.profileFields(name: "Поздно"))
        },
        bare("empty_profiles") { web in
            web.logIn()
            return web.get("/profiles")
        },
        bare("empty_tokens") { web in
            web.logIn()
            return web.get("/tokens")
        },
        bare("empty_events") { web in
            web.logIn()
            return web.get("/events")
        },
        bare("empty_journal") { web in
            web.logIn()
            return web.get("/journal")
        },
        shop("logout") { $0.web.post("/logout", []) },
        shop("error_404") { $0.web.get("/nope") },
        english("error_404_en") { $0.web.get("/profiles/999/edit") },
        shop("error_405") { $0.web.get("/logout") },
        shop("error_405_post") { shop in
            shop.web.get("/profiles")
            return shop.web.post("/journal", [])
        },
        shop("error_csrf") { $0.web.post("/profiles", [], csrf: "forged") },
        shop("error_bad_request") { $0.web.get("/journal?status=%FF") },
        shop("api_get") { $0.web.get("/api/v1/messages") },
        shop("api_unauthorized") { shop in
            shop.web.app.handle(
                HTTPRequest(
                    method: .post,
                    path: "/api/v1/messages",
                    headers: [.contentType: "application/json", .authorization: "Bearer nope"],
                    body: Array("{}".utf8)
                )
            )
        },
    ]

    static let profiles: [GoldenPage] = [
        shop("overview") { $0.web.get("/overview") },
        english("overview_en") { $0.web.get("/overview") },
        shop("profiles") { $0.web.get("/profiles") },
        english("profiles_en") { $0.web.get("/profiles") },
        shop("profiles_created") { shop in
            try shop.web.createProfile("Новый")
            return shop.web.get("/profiles")
        },
        shop("profiles_deleted") { shop in
            shop.web.post("/profiles/\(shop.bulk)/delete", [])
            return shop.web.get("/profiles")
        },
        shop("profiles_reloaded") { shop in
            try shop.web.createProfile("Новый")
            shop.web.get("/profiles")
            return shop.web.get("/profiles")
        },
        shop("profile_new") { $0.web.get("/profiles/new") },
        shop("profile_edit") { $0.web.get("/profiles/\($0.main)/edit") },
        english("profile_edit_paused_en") { $0.web.get("/profiles/\($0.bulk)/edit") },
        shop("profile_errors") { shop in
            shop.web.get("/profiles/new")
            let fields = WebHarness.profileFields(name: "Основной").map {
                switch $0.0 {
                case "port": ("port", "70000")
                case "priority_per_day": ("priority_per_day", "500")
                case "sender_email": ("sender_email", "not an address")
                case "host": ("host", "smtp example.com")
                default: $0
                }
            }
            return shop.web.post("/profiles", fields)
        },
        shop("profile_limits_warning") { shop in
            shop.web.get("/profiles/\(shop.main)/edit")
            let fields = WebHarness.profileFields(name: "Основной").map {
                $0.0 == "priority_per_day" ? ("priority_per_day", "100") : $0
            }
            return shop.web.post("/profiles/\(shop.main)", fields)
        },
        shop("profile_duplicate_name") { shop in
            shop.web.get("/profiles/\(shop.gmail)/edit")
            return shop.web.post("/profiles/\(shop.gmail)", WebHarness.profileFields(name: "Основной"))
        },
        shop("profile_preset") { shop in
            shop.web.get("/profiles/new")
            return shop.web.post(
                "/profiles",
                WebHarness.profileFields(name: "Новый") + [("preset", "yandex"), ("apply_preset", "1")]
            )
        },
        shop("profile_saved") { shop in
            shop.web.get("/profiles/\(shop.gmail)/edit")
            return shop.web.post("/profiles/\(shop.gmail)", WebHarness.profileFields(name: "Gmail 2"))
        },
        shop("profile_delete") { $0.web.get("/profiles/\($0.gmail)/delete") },
        english("profile_delete_en") { $0.web.get("/profiles/\($0.gmail)/delete") },
        shop("profile_delete_default") { $0.web.get("/profiles/\($0.main)/delete") },
        shop("profile_delete_last") { shop in
            shop.web.get("/profiles")
            shop.web.post("/profiles/\(shop.bulk)/delete", [])
            shop.web.get("/profiles")
            shop.web.post("/profiles/\(shop.gmail)/delete", [])
            shop.web.get("/profiles")
            return shop.web.get("/profiles/\(shop.main)/delete")
        },
        shop("profile_deleted") { shop in
            shop.web.get("/profiles")
            return shop.web.post("/profiles/\(shop.bulk)/delete", [])
        },
        shop("profile_default") { shop in
            shop.web.get("/profiles")
            return shop.web.post("/profiles/\(shop.bulk)/default", [])
        },
    ]

    static let checks: [GoldenPage] = [
        shop("check") { $0.web.get("/profiles/\($0.main)/check") },
        GoldenPage(name: "check_sent") {
            let shop = try GoldenShop(transport: .acceptingAll())
            shop.web.get("/profiles/\(shop.main)/check")
            return (shop.web, shop.web.post("/profiles/\(shop.main)/check", [("to", "admin@example.com")]))
        },
        GoldenPage(name: "check_failed") {
            let reply = SMTPReply(code: 535, enhancedCode: "5.7.8", text: "Error: authentication failed")
            let shop = try GoldenShop(transport: ScriptedTransport([.failed(.auth(reply: reply), dataSent: false)]))
            shop.web.get("/profiles/\(shop.main)/check")
            return (shop.web, shop.web.post("/profiles/\(shop.main)/check", [("to", "admin@example.com")]))
        },
        GoldenPage(name: "check_failed_en") {
            let shop = try GoldenShop(
                transport: ScriptedTransport([.failed(.connect(detail: "Connection refused"), dataSent: false)])
            )
            shop.web.get("/lang?to=en")
            shop.web.get("/profiles/\(shop.gmail)/check")
            return (shop.web, shop.web.post("/profiles/\(shop.gmail)/check", [("to", "admin@example.com")]))
        },
        GoldenPage(name: "check_dns") {
            let failure = SMTPFailure.dns(detail: "Could not resolve host: smtp.mail.ru")
            let shop = try GoldenShop(transport: ScriptedTransport([.failed(failure, dataSent: false)]))
            shop.web.get("/profiles/\(shop.main)/check")
            return (shop.web, shop.web.post("/profiles/\(shop.main)/check", [("to", "admin@example.com")]))
        },
        shop("check_bad_address") { shop in
            shop.web.get("/profiles/\(shop.main)/check")
            return shop.web.post("/profiles/\(shop.main)/check", [("to", "admin@example.com\r\nBcc: x@evil.example")])
        },
        shop("check_refused") { shop in
            try ProfileStore(shop.web.db).pause(
                id: shop.main,
                until: shop.web.clock.now().addingTimeInterval(600),
                reply: "",
                now: shop.web.clock.now()
            )
            try shop.web.db.execute(
                "UPDATE profiles SET max_per_day = 1, priority_per_day = 1 WHERE id = ?",
                [shop.main]
            )
            shop.web.get("/profiles/\(shop.main)/check")
            return shop.web.post("/profiles/\(shop.main)/check", [("to", "admin@example.com")])
        },
    ]

    static let events: [GoldenPage] = [
        shop("events") { $0.web.get("/events") },
        english("events_en") { shop in
            shop.web.get("/events/review_request")
            shop.web.post(
                "/events/review_request",
                [
                    ("name", "Review"), ("enabled", "1"), ("subject", "Subject"), ("html", "<p>x</p>"), ("text", ""),
                    ("sample", "{}"),
                ]
            )
            return shop.web.get("/events")
        },
        shop("event_new") { $0.web.get("/events/new") },
        shop("event_new_errors") { shop in
            shop.web.get("/events/new")
            return shop.web.post("/events", [("code", "Bad Code"), ("name", "")])
        },
        shop("event_new_taken") { shop in
            shop.web.get("/events/new")
            return shop.web.post("/events", [("code", "order_paid"), ("name", "Дубль")])
        },
        shop("event_created") { shop in
            shop.web.get("/events/new")
            return shop.web.post("/events", [("code", "birthday"), ("name", "День рождения")])
        },
        shop("event_form") { $0.web.get("/events/order_placed") },
        shop("event_form_own") { $0.web.get("/events/review_request") },
        shop("event_form_created") { shop in
            shop.web.get("/events/new")
            shop.web.post("/events", [("code", "birthday"), ("name", "День рождения")])
            return shop.web.get("/events/birthday")
        },
        english("event_form_en") { $0.web.get("/events/password_reset") },
        shop("event_form_errors") { shop in
            shop.web.get("/events/review_request")
            return shop.web.post(
                "/events/review_request",
                [
                    ("name", "Отзыв\u{7}"), ("enabled", "1"), ("profile", "999"), ("subject", "Тема\r\nBcc: x"),
                    ("html", "<p>{{#items}}\r\n<li>{{name}}</li>\r\n</p>"), ("text", "{{/x}}"), ("sample", "[1, 2]"),
                ]
            )
        },
        shop("event_form_preview") { shop in
            shop.web.get("/events/review_request")
            return shop.web.post(
                "/events/review_request",
                [
                    ("name", "Отзыв"), ("profile", String(shop.bulk)), ("priority", "1"), ("subject", "Тема {{order}}"),
                    ("html", "<p>{{message}} <b>{{order}}</b></p>"), ("text", ""),
                    ("sample", "{\"message\": \"<Спасибо> & пока\", \"order\": \"A-2\"}"), ("preview", "1"),
                ]
            )
        },
        shop("event_saved") { shop in
            shop.web.get("/events/review_request")
            return shop.web.post(
                "/events/review_request",
                [("name", "Отзыв"), ("subject", "Тема"), ("html", "<p>x</p>"), ("text", ""), ("sample", "{}")]
            )
        },
        shop("event_preview_json") { shop in
            shop.web.get("/events/review_request")
            return shop.web.post(
                "/events/review_request/preview",
                [
                    ("subject", "Тема {{order}}"), ("html", "<p>{{message}}</p>"), ("text", ""),
                    ("sample", "{\"order\": 5}"),
                ]
            )
        },
        shop("event_preview_json_error") { shop in
            shop.web.get("/events/review_request")
            return shop.web.post(
                "/events/review_request/preview",
                [("subject", "Тема"), ("html", "<p>{{#a}}</p>"), ("text", ""), ("sample", "{}")]
            )
        },
    ]

    static let tokens: [GoldenPage] = [
        shop("tokens") { $0.web.get("/tokens") },
        english("tokens_en") { shop in
            shop.web.get("/tokens/1/revoke")
            shop.web.post("/tokens/1/revoke", [])
            return shop.web.get("/tokens")
        },
        shop("token_created") { shop in
            shop.web.get("/tokens")
            return shop.web.post("/tokens", [("name", "crm <new>")])
        },
        shop("token_name_error") { shop in
            shop.web.get("/tokens")
            return shop.web.post("/tokens", [("name", "")])
        },
        shop("token_name_taken") { shop in
            shop.web.get("/tokens")
            return shop.web.post("/tokens", [("name", "shop-backend")])
        },
        shop("token_revoke") { $0.web.get("/tokens/1/revoke") },
        english("token_revoke_en") { $0.web.get("/tokens/1/revoke") },
        english("token_created_en") { shop in
            shop.web.get("/tokens")
            return shop.web.post("/tokens", [("name", "crm <new>")])
        },
        shop("token_revoke_done") { $0.web.get("/tokens/2/revoke") },
        shop("token_revoked") { shop in
            shop.web.get("/tokens/1/revoke")
            return shop.web.post("/tokens/1/revoke", [])
        },
    ]

    static let journal: [GoldenPage] = [
        shop("journal") { $0.web.get("/journal") },
        english("journal_en") { $0.web.get("/journal") },
        shop("journal_next_page") { $0.web.get("/journal?before=20") },
        shop("journal_filtered") { $0.web.get("/journal?status=failed&profile=\($0.main)&event=order_placed") },
        shop("journal_recipient") { $0.web.get("/journal?recipient=%D0%BA%D0%BB%D0%B8%D0%B5%D0%BD%D1%82+2") },
        shop("journal_dates") { $0.web.get("/journal?date_from=2026-11-30&date_to=2026-11-30&profile=\($0.main)") },
        shop("journal_notes") { shop in
            shop.web.get(
                "/journal?status=lost&profile=abc&event=DROP%20TABLE&recipient=ab&date_from=2026-02-30&date_to=31.12.2026&before=-1"
            )
        },
        shop("journal_unknown_profile") {
            $0.web.get("/journal?profile=987654&date_from=2026-12-02&date_to=2026-12-01")
        },
        shop("journal_nothing") { $0.web.get("/journal?status=sent&recipient=nobody") },
        shop("journal_requeued") { shop in
            shop.web.get("/journal/retry-failed/\(shop.main)")
            shop.web.post("/journal/retry-failed/\(shop.main)", [])
            return shop.web.get("/journal?profile=\(shop.main)&status=queued")
        },
        shop("journal_confirm_retry") { $0.web.get("/journal/\($0.failed)/retry") },
        shop("journal_confirm_retry_refused") { $0.web.get("/journal/\($0.sent)/retry") },
        shop("journal_confirm_cancel") { $0.web.get("/journal/\($0.queued)/cancel") },
        shop("journal_confirm_cancel_refused") { $0.web.get("/journal/\($0.failed)/cancel") },
        shop("journal_confirm_retry_failed") { $0.web.get("/journal/retry-failed/\($0.main)") },
        english("journal_confirm_retry_failed_en") { $0.web.get("/journal/retry-failed/\($0.main)") },
        shop("journal_confirm_retry_failed_none") { shop in
            shop.web.get("/journal/retry-failed/\(shop.bulk)")
            shop.web.post("/journal/retry-failed/\(shop.bulk)", [])
            shop.web.get("/journal?profile=\(shop.bulk)&status=queued")
            return shop.web.get("/journal/retry-failed/\(shop.bulk)")
        },
        shop("journal_retried") { shop in
            shop.web.get("/journal/\(shop.failed)/retry")
            return shop.web.post("/journal/\(shop.failed)/retry", [])
        },
        shop("journal_cancel_refused") { shop in
            shop.web.get("/journal/\(shop.sent)/cancel")
            return shop.web.post("/journal/\(shop.sent)/cancel", [])
        },
        shop("journal_retried_all") { shop in
            shop.web.get("/journal/retry-failed/\(shop.main)")
            return shop.web.post("/journal/retry-failed/\(shop.main)", [])
        },
    ]

    static let letters: [GoldenPage] = [
        shop("letter_sent") { $0.web.get("/journal/\($0.sent)") },
        shop("letter_failed") { $0.web.get("/journal/\($0.failed)") },
        shop("letter_queued") { $0.web.get("/journal/\($0.queued)") },
        shop("letter_duplicate") { $0.web.get("/journal/\($0.duplicate)") },
        shop("letter_tricky") { $0.web.get("/journal/\($0.tricky)") },
        english("letter_tricky_en") { $0.web.get("/journal/\($0.tricky)") },
        shop("letter_retried") { shop in
            shop.web.get("/journal/\(shop.failed)/retry")
            shop.web.post("/journal/\(shop.failed)/retry", [])
            return shop.web.get("/journal/\(shop.failed)")
        },
        shop("letter_refused") { $0.web.get("/journal/\($0.sent)?done=cancel_sent") },
        shop("letter_unknown_done") { $0.web.get("/journal/\($0.sent)?done=nonsense") },
        shop("letter_no_html") { $0.web.get("/journal/66") },
        shop("letter_missing") { $0.web.get("/journal/9999") },
    ]

    static let settings: [GoldenPage] = [
        shop("settings") { $0.web.get("/settings") },
        shop("settings_saved") { shop in
            shop.web.get("/settings")
            shop.web.post("/settings", [("timezone", "Europe/Moscow")])
            return shop.web.get("/settings")
        },
        shop("settings_error") { shop in
            shop.web.get("/settings")
            return shop.web.post("/settings", [("timezone", "Mars/Olympus <x>")])
        },
        english("settings_en") { shop in
            _ = try SettingsStore(shop.web.db).setTimeZone("Asia/Yekaterinburg")
            return shop.web.get("/settings")
        },
    ]
}
