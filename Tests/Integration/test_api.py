"""Issue 5 through nginx: POST /api/v1/messages, idempotency, and an event letter sent for real."""

import concurrent.futures
import email
import email.policy
import json
import subprocess
import threading
import time

import harness

ORDER = {"shop_name": "Интернет-магазин «Ромашка»", "customer_name": "Анна Петрова", "order_number": "10482",
         "items": [{"name": "Чайник", "quantity": 1, "price": "2 490 ₽"}], "total": "2 490 ₽",
         "delivery": "Курьером, 12 декабря"}


def api(panel, body, token, content_type="application/json"):
    client = panel.client()
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": content_type}
    if token:
        headers["Authorization"] = "Bearer " + token
    return client.request("POST", "/api/v1/messages", data, headers)


def new_token(data, name="shop"):
    return data.admin("token", "add", name).stdout.strip()


def test_each_answer_of_the_api(panel, data):
    panel.logged_in().create_profile("Магазин")
    token = new_token(data)
    created = api(panel, {"event": "order_placed", "to": "anna@example.com", "data": ORDER, "idempotency_key": "order-10482"}, token)
    assert created.status == 201 and created.json()["status"] == "queued"
    again = api(panel, {"event": "order_placed", "to": "anna@example.com", "data": ORDER, "idempotency_key": "order-10482"}, token)
    assert again.status == 200 and again.json()["id"] == created.json()["id"]
    assert api(panel, {"event": "order_placed", "to": "x@example.com", "data": ORDER}, "wrong-token").status == 401
    assert api(panel, b"{not json", token).status == 400
    assert api(panel, {"event": "order_placed"}, token, content_type="text/plain").status == 415
    for body, field in [
        ({"event": "no_such_event", "to": "a@example.com"}, "event"),
        ({"event": "order_placed", "to": "not an address", "data": ORDER}, "to"),
        ({"event": "order_placed", "to": "a@example.com", "data": {"order_number": "1"}}, "data.customer_name"),
        ({"event": "order_placed", "to": "a@example.com", "data": ORDER, "priority": "yes"}, "priority"),
        ({"event": "order_placed", "to": "a@example.com", "to_name": "A\r\nBcc: x@evil.example", "data": ORDER}, "to_name"),
        ({"event": "order_placed", "to": "a@example.com", "data": {**ORDER, "order_number": "1\nBcc: x@evil.example"}}, "data.order_number"),
    ]:
        response = api(panel, body, token)
        assert response.status == 422, (body, response.text)
        assert response.json()["error"]["field"] == field
    big = api(panel, {"event": "order_placed", "to": "a@example.com", "data": {"blob": "x" * 2_000_000}}, token)
    assert big.status == 413 and big.json()["error"]["code"] == "too_large"
    medium = api(panel, {"event": "order_placed", "to": "a@example.com", "data": {"blob": "x" * 400_000}}, token)
    assert medium.status == 413 and medium.json()["error"]["code"] == "too_large"
    data.sql("UPDATE events SET enabled = 0 WHERE code = 'order_paid'")
    skipped = api(panel, {"event": "order_paid", "to": "a@example.com", "data": {}}, token)
    assert skipped.status == 200 and skipped.json() == {"status": "skipped"}
    assert data.sql("SELECT count(*) FROM letters") == [(1,)]


def test_two_concurrent_identical_requests_make_one_letter(panel, data):
    panel.logged_in().create_profile("Магазин")
    token = new_token(data)
    body = {"event": "order_placed", "to": "anna@example.com", "data": ORDER, "idempotency_key": "race-1"}
    barrier = threading.Barrier(2)

    def send(_):
        barrier.wait(timeout=10)
        return api(panel, body, token)

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(send, range(2)))
    assert sorted(answer.status for answer in answers) == [200, 201]
    assert answers[0].json()["id"] == answers[1].json()["id"]
    assert data.sql("SELECT count(*) FROM letters") == [(1,)]


def test_order_letter_arrives_rendered_and_template_edits_do_not_change_it(panel, data, smtp):
    server = smtp()
    client = panel.logged_in()
    client.create_profile("Магазин", port=str(server.port))
    token = new_token(data)
    assert api(panel, {"event": "order_placed", "to": "anna@example.com", "to_name": "Анна", "data": ORDER}, token).status == 201
    data.sql("UPDATE events SET subject = 'Изменённая тема {{order_number}}' WHERE code = 'order_placed'")
    data.send("run")
    [received] = server.messages()
    message = email.message_from_bytes(received["content"], policy=email.policy.default)
    assert message["Subject"] == "Заказ №10482 оформлен"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Анна Петрова" in text and "Чайник × 1 — 2 490 ₽" in text
    assert "Анна Петрова" in html and "Интернет-магазин «Ромашка»" in html


def test_panel_keeps_answering_while_a_run_drains_thousands(panel, data, smtp):
    server = smtp()
    panel.logged_in().create_profile("Магазин", port=str(server.port), max_per_day="100000", batch_size="5000",
                                     priority_per_day="0")
    token = new_token(data)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda n: api(panel, {"event": "order_placed", "to": f"c{n}@example.com", "data": ORDER}, token).status,
                                 range(2000)))
    assert statuses.count(201) == 2000
    run = subprocess.Popen([str(harness.BIN / "mailrobot-send"), "run", "--data", str(data.path)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    client = panel.logged_in()
    pages = []
    while run.poll() is None and len(pages) < 5000:
        pages.append(client.get("/profiles").status)
        api(panel, {"event": "order_placed", "to": "late@example.com", "data": ORDER}, token)
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    assert pages and set(pages) == {200}
    assert len(server.messages()) >= 2000
    log = (panel.prefix.parent / "admin.log").read_text()
    assert "database is locked" not in log and "request failed" not in log
    assert data.sql("PRAGMA integrity_check") == [("ok",)]
