import Foundation
import HTTPCore
import MailCore
import Secrets
import Testing
import Web

@testable import Storage

/// «События» pages through `AdminApp.handle`, with the built-in events installed from the
/// repository's `templates/mail`.
@Suite struct EventPagesTests {
    let web: WebHarness

    init() throws {
        web = try WebHarness()
        web.logIn()
        try web.createProfile("Магазин")
        try ShippedEventsInstaller.install(from: WebHarness.templates, into: web.db, now: web.clock.now())
    }

    /// The edit form's fields as stored, with `changes` applied (nil removes a field, as an
    /// unchecked checkbox).
    private func fields(_ code: String, _ changes: [String: String?] = [:]) throws -> [(String, String)] {
        let event = try #require(try EventStore(web.db).find(code: code))
        var values: [String: String?] = [
            "name": event.name, "enabled": event.isEnabled ? "1" : nil,
            "profile": event.profileID.map(String.init) ?? "",
            "priority": event.isPriority ? "1" : nil, "subject": event.subject, "html": event.html, "text": event.text,
            "sample": event.sample,
        ]
        values.merge(changes) { _, new in new }
        return values.compactMap { name, value in value.map { (name, $0) } }.sorted { $0.0 < $1.0 }
    }

    @Test func listShowsTheSixBuiltInsWithRussianNames() throws {
        let page = web.get("/events").text
        for (code, name) in [
            ("registration_confirmation", "Подтверждение регистрации"), ("order_placed", "Заказ оформлен"),
            ("order_paid", "Заказ оплачен"), ("affiliate_reward", "Начислено партнёрское вознаграждение"),
            ("password_reset", "Сброс пароля"), ("order_status_changed", "Изменён статус заказа"),
        ] {
            #expect(page.contains("data-event=\"\(code)\""), "no row for \(code)")
            #expect(page.contains(name), "no name \(name)")
            #expect(
                page.contains("<td class=\"name-cell\"><a class=\"name\" href=\"/events/\(code)\">\(name)</a></td>")
            )
        }
        for label in [
            "События", "Добавить событие", "Название", "Код", "Включено", "Профиль", "Приоритетное",
            "По умолчанию", "Редактировать", "href=\"/events\"", "href=\"/tokens\"", "API-токены",
        ] {
            #expect(page.contains(label), "missing \(label)")
        }
        #expect(row(page, "password_reset").contains("<td>Да</td><td>По умолчанию</td><td>Да</td>"))
        #expect(row(page, "order_paid").contains("<td>Да</td><td>По умолчанию</td><td>Нет</td>"))
        #expect(!page.contains("event_") && !page.contains("token_"), "a catalog key is missing")
    }

    @Test func installingAgainKeepsTheAdminsEdits() throws {
        #expect(web.post("/events/order_paid", try fields("order_paid", ["subject": "Оплачено"])).status == 303)
        try ShippedEventsInstaller.install(from: WebHarness.templates, into: web.db, now: web.clock.now())
        #expect(try EventStore(web.db).find(code: "order_paid")?.subject == "Оплачено")
        #expect(try EventStore(web.db).all().count == 6)
    }

    @Test func editPageShowsTheFieldsVariablesAndPreview() throws {
        let page = web.get("/events/order_placed").text
        for id in [
            "f-enabled", "f-name", "f-profile", "f-priority", "f-subject", "f-html", "f-text", "f-sample",
            "event-variables", "preview-subject", "preview-html", "preview-text", "event-save",
            "event-preview-button",
        ] {
            #expect(page.contains("id=\"\(id)\""), "no element #\(id)")
        }
        for text in [
            "Профиль по умолчанию", "<option value=\"", ">Магазин</option>", "Сохранить", "Предпросмотр",
            "<code>items</code>", "<code>order_number</code>", "API отклонит запрос",
            "не ждут интервала отправки", "data-preview=\"/events/order_placed/preview\"",
        ] {
            #expect(page.contains(text), "missing \(text)")
        }
        #expect(page.contains("Заказ №10482 оформлен"), "subject rendered with the sample")
        #expect(page.contains("sandbox=\"\" srcdoc=\"&lt;!doctype html&gt;"), "HTML preview is an escaped srcdoc")
        #expect(page.contains("Чайник электрический"))
        #expect(!page.contains("event_") && !page.contains("token_"), "a catalog key is missing")
    }

    @Test func savingChangesTheSubject() throws {
        web.get("/events/order_placed")
        let response = web.post(
            "/events/order_placed",
            try fields("order_placed", ["subject": "Ваш заказ {{order_number}}"])
        )
        #expect(response.status == 303)
        #expect(response.header("Location") == "/events")
        #expect(try EventStore(web.db).find(code: "order_placed")?.subject == "Ваш заказ {{order_number}}")
    }

    @Test func savedSaysTheEventsNameOnce() throws {
        web.get("/events/order_placed")
        let name = "Заказ <оформлен>"
        let response = web.post("/events/order_placed", try fields("order_placed", ["name": name]))
        #expect(response.status == 303)
        let list = web.get("/events").text
        #expect(list.contains("<p class=\"flash\" role=\"status\">Событие «Заказ &lt;оформлен&gt;» сохранено."))
        #expect(!web.get("/events").text.contains("сохранено."), "a reload does not repeat the message")
    }

    @Test func aTemplateThatDoesNotParseIsRefusedAtItsLine() throws {
        web.get("/events/order_placed")
        let broken = "<p>Здравствуйте!</p>\r\n<p>Заказ:</p>\r\n<ul>{{#items}}<li>{{name}}</li>\r\n</ul>\r\n"
        let response = web.post("/events/order_placed", try fields("order_placed", ["html": broken]))
        #expect(response.status == 422)
        let page = response.text
        let error = try #require(page.range(of: "id=\"e-html\">"))
        #expect(
            page[error.upperBound...].hasPrefix("Шаблон не разобран: строка 3: раздел {{#items}} открыт, но не закрыт.")
        )
        #expect(page.contains("&lt;ul&gt;{{#items}}&lt;li&gt;{{name}}&lt;/li&gt;"), "what was typed is kept")
        #expect(page.contains("Проверьте поля, отмеченные ниже."))
        #expect(page.contains("Предпросмотр недоступен"))
        #expect(try EventStore(web.db).find(code: "order_placed")?.html.contains("{{/items}}") == true, "nothing saved")
    }

    @Test(arguments: [
        ("name", "", "e-name", "Укажите название."),
        ("subject", "Заказ\r\n{{order_number}}", "e-subject", "Тема — одна строка"),
        ("sample", "[1, 2]", "e-sample", "Образец данных должен быть JSON-объектом"),
        ("sample", "{\"a\": ", "e-sample", "Образец данных должен быть JSON-объектом"),
        ("profile", "999", "e-profile", "Такого профиля нет."),
        ("text", "{{/x}}", "e-text", "Шаблон не разобран: строка 1"),
    ])
    func badFieldsAreRefusedNextToTheField(field: String, value: String, id: String, message: String) throws {
        web.get("/events/order_paid")
        let before = try EventStore(web.db).find(code: "order_paid")
        let response = web.post("/events/order_paid", try fields("order_paid", [field: value]))
        #expect(response.status == 422)
        let page = response.text
        let error = try #require(page.range(of: "id=\"\(id)\">"), "no error at \(id)")
        #expect(page[error.upperBound...].hasPrefix(message))
        #expect(try EventStore(web.db).find(code: "order_paid") == before)
    }

    @Test func previewButtonRendersTheTypedValuesEscapedWithoutSaving() throws {
        web.get("/events/registration_confirmation")
        let sample =
            #"{"shop_name": "Ромашка", "customer_name": "<script>alert(1)</script>", "confirm_url": "https://shop.example/c"}"#
        let response = web.post(
            "/events/registration_confirmation",
            try fields(
                "registration_confirmation",
                [
                    "sample": sample, "subject": "Привет, {{customer_name}}", "preview": "1",
                ]
            )
        )
        #expect(response.status == 200)
        let page = response.text
        #expect(page.contains("srcdoc=\""))
        #expect(
            page.contains("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;"),
            "escaped by the letter, then by the attribute"
        )
        #expect(page.contains("Привет, &lt;script&gt;alert(1)&lt;/script&gt;"), "subject is text, escaped by the page")
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("изменения ещё не сохранены"))
        let stored = try #require(try EventStore(web.db).find(code: "registration_confirmation"))
        #expect(!stored.sample.contains("<script>") && !stored.subject.hasPrefix("Привет"))
    }

    @Test func previewEndpointAnswersJSON() throws {
        web.get("/events/order_status_changed")
        let good = web.post(
            "/events/order_status_changed/preview",
            try fields("order_status_changed", ["subject": "Статус: {{status}}"])
        )
        #expect(good.status == 200)
        #expect(good.header("Content-Type") == "application/json")
        let json = try #require(try JSONValue(parsing: good.bodyBytes).objectValue)
        #expect(json["subject"] == .string("Статус: Передан в доставку"))
        #expect(json["html"]?.stringValue?.contains("Трек-номер 80081234567890") == true)
        #expect(json["text"]?.stringValue?.contains("Передан в доставку") == true)

        let bad = web.post(
            "/events/order_status_changed/preview",
            try fields("order_status_changed", ["html": "a\n{{#x}}"])
        )
        #expect(bad.status == 200)
        let error = try #require(
            try JSONValue(parsing: bad.bodyBytes).objectValue?["error"]?.objectValue
        )
        #expect(error["field"] == .string("html"))
        #expect(error["message"]?.stringValue?.hasPrefix("Шаблон не разобран: строка 2") == true)

        web.get("/events/order_status_changed")
        #expect(web.post("/events/no_such_event/preview", try fields("order_paid")).status == 404)
        web.get("/events/order_status_changed")
        let forged = web.post(
            "/events/order_status_changed/preview",
            try fields("order_status_changed"),
            csrf: "forged"
        )
        #expect(forged.status == 403)
    }

    @Test func customEventIsCreatedWithAStarterLetter() throws {
        let form = web.get("/events/new").text
        #expect(form.contains("id=\"f-code\"") && form.contains("id=\"f-name\""))
        let response = web.post("/events", [("code", "review_request"), ("name", "Отзыв о заказе")])
        #expect(response.status == 303)
        #expect(response.header("Location") == "/events/review_request")
        let event = try #require(try EventStore(web.db).find(code: "review_request"))
        #expect(!event.isBuiltin && event.isEnabled && !event.isPriority)
        #expect(event.html.contains("{{message}}"))
        let sample = try JSONValue(parsing: Array(event.sample.utf8))
        #expect(sample.objectValue?.keys.sorted() == ["message"])
        let page = web.get("/events/review_request").text
        #expect(page.contains("Событие «Отзыв о заказе» создано."))
        #expect(page.contains("Текст сообщения."), "the starter letter previews with its sample")
        #expect(!web.get("/events/review_request").text.contains("создано."), "a reload does not repeat it")
        #expect(web.get("/events").text.contains("Отзыв о заказе"))
    }

    @Test(arguments: [
        ("Bad-Code", "Имя", "e-code", "Код: строчные латинские буквы"),
        ("", "Имя", "e-code", "Код: строчные латинские буквы"),
        (String(repeating: "a", count: 65), "Имя", "e-code", "Код: строчные латинские буквы"),
        ("order_placed", "Имя", "e-code", "Код уже занят."),
        ("new", "Имя", "e-code", "Код уже занят."),
        ("fine_code", "", "e-name", "Укажите название."),
        ("fine_code", "Имя\u{7}", "e-name", "Без переводов строки"),
    ])
    func badNewEventsAreRefused(code: String, name: String, id: String, message: String) throws {
        web.get("/events/new")
        let response = web.post("/events", [("code", code), ("name", name)])
        #expect(response.status == 422)
        let error = try #require(response.text.range(of: "id=\"\(id)\">"))
        #expect(response.text[error.upperBound...].hasPrefix(message))
        #expect(try EventStore(web.db).all().count == 6)
    }

    @Test func aDisabledEventQueuesNothing() throws {
        web.get("/events/order_paid")
        #expect(web.post("/events/order_paid", try fields("order_paid", ["enabled": nil])).status == 303)
        #expect(try EventStore(web.db).find(code: "order_paid")?.isEnabled == false)
        #expect(row(web.get("/events").text, "order_paid").contains("<td>Нет</td>"))
        let api = try APIClient(web)
        let (status, json, _) = api.post(
            #"{"event":"order_paid","to":"anna@example.com","data":{"shop_name":"Р","customer_name":"А","order_number":"1","amount":"1","paid_at":"сейчас"}}"#
        )
        #expect(status == 200 && json["status"] == .string("skipped"))
        #expect(try web.db.integer("SELECT count(*) FROM letters") == 0)
    }

    @Test func theChosenProfileAndPriorityAreSaved() throws {
        let second = try web.createProfile("Рассылка")
        web.get("/events/order_paid")
        #expect(
            web.post("/events/order_paid", try fields("order_paid", ["profile": String(second), "priority": "1"]))
                .status == 303
        )
        let event = try #require(try EventStore(web.db).find(code: "order_paid"))
        #expect(event.profileID == second && event.isPriority)
        #expect(row(web.get("/events").text, "order_paid").contains("<td>Да</td><td>Рассылка</td><td>Да</td>"))
    }

    @Test func editingATemplateNeverChangesAQueuedLetter() throws {
        let api = try APIClient(web)
        let data =
            #""data":{"shop_name":"Ромашка","customer_name":"Анна","order_number":"77","status":"Собран","comment":"—"}"#
        let (status, json, _) = api.post(#"{"event":"order_status_changed","to":"anna@example.com","# + data + "}")
        #expect(status == 201)
        guard case .integer(let id) = json["id"] else {
            Issue.record("no id")
            return
        }
        let queued = try #require(try OutboxStore(web.db).find(id: id))
        #expect(queued.subject.contains("77"))

        web.get("/events/order_status_changed")
        let edit = web.post(
            "/events/order_status_changed",
            try fields(
                "order_status_changed",
                [
                    "subject": "Новая тема {{order_number}}", "html": "<p>Новый текст</p>", "text": "",
                ]
            )
        )
        #expect(edit.status == 303)
        let after = try #require(try OutboxStore(web.db).find(id: id))
        #expect(after.subject == queued.subject && after.html == queued.html && after.text == queued.text)

        let (_, next, _) = api.post(#"{"event":"order_status_changed","to":"anna@example.com","# + data + "}")
        guard case .integer(let nextID) = next["id"] else {
            Issue.record("no id")
            return
        }
        let fresh = try #require(try OutboxStore(web.db).find(id: nextID))
        #expect(fresh.subject == "Новая тема 77" && fresh.text == "Новый текст")
    }

    @Test func addressesAreChecked() {
        #expect(web.get("/events/Order").status == 404)
        #expect(web.get("/events/no_such_event").status == 404)
        #expect(web.get("/events/order_paid/extra").status == 404)
        #expect(web.get("/events/order_paid/preview").status == 405)
        web.get("/events")
        #expect(web.post("/events/no_such_event", [("name", "x")]).status == 404)
    }

    @Test func theListExportsToExcel() {
        let response = web.get("/events/export.xlsx")
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.contains("spreadsheetml") == true)
    }

    @Test func englishShowsTheEnglishNames() {
        web.get("/lang?to=en&back=%2Fevents")
        let page = web.get("/events").text
        #expect(page.contains("Add event") && page.contains("Order placed") && page.contains("Password reset"))
    }

    /// The `<tr>` of `code` in a list page.
    private func row(_ page: String, _ code: String) -> String {
        guard let start = page.range(of: "data-event=\"\(code)\"") else { return "" }
        let rest = page[start.upperBound...]
        return String(rest[..<(rest.range(of: "</tr>")?.lowerBound ?? rest.endIndex)])
    }
}
