"""Issue 12: a priority letter starts its profile's pass at once, with the real binaries, nginx and a
real SMTP server, and no cron run at all (waits are generous: these prove behaviour, not speed)."""

import concurrent.futures
import email
import email.policy
import json
import os
import re
import signal
import time

import harness

RESET = {"shop_name": "Ромашка", "customer_name": "Анна", "reset_url": "https://shop.example/reset?t=1",
         "expires_in": "24 часа"}


def profile_for(panel, server, name="Магазин", **fields):
    client = panel.logged_in()
    form = {"host": "127.0.0.1", "port": str(server.port), "security": "none", "max_per_day": "5000",
            "interval_minutes": "60", "batch_size": "1000", "priority_per_day": "2000"}
    form.update(fields)
    client.create_profile(name, **form)
    return client


def post(panel, token, to, priority=True, **fields):
    body = {"event": "password_reset", "to": to, "data": RESET, "priority": priority, **fields}
    response = panel.client().request("POST", "/api/v1/messages", json.dumps(body).encode(),
                                      {"Content-Type": "application/json", "Authorization": "Bearer " + token})
    assert response.status == 201, response.text
    return response.json()["id"]


def token(data):
    return data.admin("token", "add", "shop").stdout.strip()


def recipients(server):
    return [m["rcpt_tos"][0] for m in server.messages()]


def passes_started(panel):
    return len(re.findall(r"pass started", panel.log_text()))


def test_a_priority_letter_from_the_api_arrives_with_no_cron_run(panel, data, smtp):
    server = smtp()
    profile_for(panel, server)
    letter_id = post(panel, token(data), "anna@example.com")
    harness.wait_until(lambda: recipients(server) == ["anna@example.com"], timeout=30, what="the letter")
    harness.wait_until(lambda: data.sql("SELECT status FROM letters WHERE id = ?", letter_id) == [("sent",)],
                       timeout=10, what="the letter marked sent")
    assert passes_started(panel) == 1


def test_a_priority_letter_from_the_cli_arrives_with_no_cron_run(panel, data, smtp):
    server = smtp()
    profile_for(panel, server)
    started = time.monotonic()
    result = data.send("enqueue", "--to", "boris@example.com", "--subject", "Код", "--text", "1234", "--priority")
    assert result.stdout.strip().isdigit() and time.monotonic() - started < 20, "enqueue does not wait for the pass"
    harness.wait_until(lambda: recipients(server) == ["boris@example.com"], timeout=30, what="the letter")


def test_regular_letters_wake_nothing(panel, data, smtp):
    server = smtp()
    profile_for(panel, server)
    post(panel, token(data), "regular@example.com", priority=False)
    data.send("enqueue", "--to", "cli@example.com", "--subject", "Новости", "--text", "Текст")
    time.sleep(3)
    assert server.messages() == [] and passes_started(panel) == 0
    assert data.send("run").returncode == 0
    assert sorted(recipients(server)) == ["cli@example.com", "regular@example.com"], "cron sends them"


def test_the_panels_retry_of_a_failed_priority_letter_sends_it_at_once(panel, data, smtp):
    server = smtp(script=[{"cmd": "RCPT", "reply": "550 5.1.1 no such user", "times": 1}])
    client = profile_for(panel, server)
    letter_id = post(panel, token(data), "later@example.com")
    harness.wait_until(lambda: data.sql("SELECT status FROM letters WHERE id = ?", letter_id) == [("failed",)],
                       timeout=30, what="the first attempt to fail")
    client.get(f"/journal/{letter_id}/retry")
    response = client.post(f"/journal/{letter_id}/retry", {})
    assert response.status == 303, response.text
    harness.wait_until(lambda: recipients(server) == ["later@example.com"], timeout=30, what="the retried letter")


def test_a_burst_starts_one_pass_at_a_time_and_loses_nothing(panel, data, smtp):
    server = smtp()
    profile_for(panel, server)
    shop = token(data)
    count = 1000
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        ids = list(pool.map(lambda n: post(panel, shop, f"burst{n}@example.com"), range(count)))
    assert len(set(ids)) == count
    harness.wait_until(lambda: len(server.messages()) >= count, timeout=240, interval=0.5, what="every letter")
    harness.wait_until(lambda: data.sql("SELECT count(*) FROM letters WHERE status = 'sent'") == [(count,)],
                       timeout=30, what="every letter marked sent")
    assert sorted(recipients(server)) == sorted(f"burst{n}@example.com" for n in range(count))
    started = passes_started(panel)
    assert 1 <= started <= count // 10, f"{started} passes for {count} letters"
    harness.wait_until(lambda: len(server.connections()) >= 1, timeout=10, what="the connections to close")
    spans = sorted((c["opened_at"], c["closed_at"]) for c in server.connections())
    assert all(earlier[1] <= later[0] for earlier, later in zip(spans, spans[1:])), "one pass at a time"


def test_a_woken_pass_keeps_the_limits(panel, data, smtp):
    server = smtp()
    profile_for(panel, server, max_per_day="10", priority_per_day="2", batch_size="10")
    shop = token(data)
    for number in range(4):
        post(panel, shop, f"p{number}@example.com")
    harness.wait_until(lambda: len(server.messages()) >= 2, timeout=30, what="two letters")
    time.sleep(3)
    assert recipients(server) == ["p0@example.com", "p1@example.com"], "the priority share is 2 a day"
    assert data.sql("SELECT count(*) FROM letters WHERE status = 'queued'") == [(2,)]


def test_no_wake_up_sends_through_a_broken_or_paused_profile(panel, data, smtp):
    server = smtp()
    client = profile_for(panel, server, name="Сломанный")
    client.create_profile("На паузе", host="127.0.0.1", port=str(server.port), security="none")
    data.sql("UPDATE profiles SET state = 'broken', state_since = unixepoch() WHERE name = 'Сломанный'")
    data.sql("UPDATE profiles SET state = 'paused', paused_until = unixepoch() + 3600 WHERE name = 'На паузе'")
    shop = token(data)
    post(panel, shop, "broken@example.com", profile="Сломанный")
    post(panel, shop, "paused@example.com", profile="На паузе")
    time.sleep(3)
    assert server.messages() == [] and passes_started(panel) == 0
    assert data.sql("SELECT count(*) FROM letters WHERE status = 'queued' AND attempts = 0") == [(2,)]


def test_kill_9_of_a_woken_pass_loses_nothing(panel, data, smtp):
    server = smtp(delay_ms=200)
    profile_for(panel, server)
    shop = token(data)
    for number in range(20):
        post(panel, shop, f"k{number}@example.com")
    harness.wait_until(lambda: len(server.messages()) >= 3, timeout=60, what="the pass under way")
    pids = [int(pid) for pid in re.findall(r"pid=(\d+)[^\n]*pass started", panel.log_text())]
    assert pids
    os.kill(pids[-1], signal.SIGKILL)
    assert len(server.messages()) < 20, "killed before it was done"
    later = time.time() + 11 * 60
    finished = data.send("run", "--now", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(later)))
    assert finished.returncode == 0, finished.stderr
    assert data.sql("SELECT count(*) FROM letters WHERE status = 'sent'") == [(20,)]
    received = [email.message_from_bytes(m["content"], policy=email.policy.default)["Message-ID"]
                for m in server.messages()]
    assert len(set(received)) == 20, "every letter delivered"
    flagged = {row[0] for row in data.sql("SELECT message_id FROM letters WHERE possible_duplicate = 1")}
    assert len(flagged) <= 1, "only the letter in flight may be ambiguous after a crash of the pass"
    for message_id in set(received):
        if received.count(message_id) > 1:
            assert message_id.strip("<>") in flagged, "only a flagged letter may arrive twice"


def test_run_profile_works_one_profile_by_name_or_number(panel, data, smtp):
    server = smtp()
    client = profile_for(panel, server, name="Магазин")
    client.create_profile("Рассылка", host="127.0.0.1", port=str(server.port), security="none")
    data.send("enqueue", "--to", "shop@example.com", "--subject", "A", "--text", "a", "--profile", "Магазин")
    data.send("enqueue", "--to", "news@example.com", "--subject", "B", "--text", "b", "--profile", "Рассылка")
    assert data.send("run", "--profile", "Рассылка").returncode == 0
    assert recipients(server) == ["news@example.com"]
    (shop_id,) = data.sql("SELECT id FROM profiles WHERE name = 'Магазин'")[0]
    assert data.send("run", "--profile", str(shop_id)).returncode == 0
    assert recipients(server) == ["news@example.com", "shop@example.com"]


def test_run_profile_misuse_is_one_line(data):
    unknown = data.send("run", "--profile", "Нет такого", check=False)
    assert unknown.returncode != 0 and unknown.stdout == ""
    assert unknown.stderr.count("\n") == 1 and "no profile named or numbered Нет такого" in unknown.stderr
    empty = data.send("run", "--profile", "", check=False)
    assert empty.returncode != 0 and empty.stderr.count("\n") == 1
    forged = data.send("run", "--lock-fd", "3", check=False)
    assert forged.returncode != 0 and forged.stderr.count("\n") == 1
    usage = data.send("run", "--help").stdout
    assert "--profile <name|id>" in usage and "--lock-fd" not in usage


def test_an_idle_run_still_refuses_an_unsafe_key(data):
    assert data.send("run").returncode == 0
    os.chmod(data.path / "secret.key", 0o644)
    refused = data.send("run", check=False)
    assert refused.returncode != 0 and refused.stderr.count("\n") == 1 and "0600" in refused.stderr
