"""Issue 13: when will each queued letter leave? The forecast against real runs with --now."""

import datetime
import json
import time
import zoneinfo

from test_reserve import shop_with_reserve
from test_sender import enqueue, iso, profile_for, run

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")


def local(moment):
    return datetime.datetime.fromtimestamp(moment, MOSCOW).strftime("%d.%m.%Y %H:%M:%S")


def sent_count(data):
    return data.sql("SELECT count(*) FROM letters WHERE status = 'sent'")[0][0]


def test_a_queue_of_300_at_100_a_day_leaves_when_forecast(panel, data, smtp):
    """300 letters at 100 a day, batch 10, interval 5: ten batches five minutes apart on each of
    three days, as `status` forecasts; every run a minute earlier sends nothing."""
    server = smtp()
    profile_for(panel, server, max_per_day="100", interval_minutes="5", batch_size="10", priority_per_day="0")
    ids = [enqueue(data, f"c{number}@example.com") for number in range(300)]
    t0 = (int(time.time()) // 60 + 2) * 60

    status = data.send("status", "--now", iso(t0), "--language", "en").stdout
    assert "queued: 0 priority, 300 regular" in status
    assert f"next send: {local(t0)}" in status
    assert f"queue empty by: {local(t0 + 2 * 86400 + 45 * 60)}" in status
    russian = data.send("status", "--now", iso(t0)).stdout
    assert f"очередь опустеет к: {local(t0 + 2 * 86400 + 45 * 60)}" in russian

    expected = {letter_id: t0 + (rank // 100) * 86400 + (rank % 100 // 10) * 300 for rank, letter_id in enumerate(ids)}
    for moment in sorted(set(expected.values())):
        before = sent_count(data)
        if moment > t0:  # the forecast starts at t0: a run before it is not in the forecast
            result = run(data, now=moment - 60)
            assert result.returncode == 0, result.stderr
            assert sent_count(data) == before, f"nothing leaves a minute before {local(moment)}"
        result = run(data, now=moment)
        assert result.returncode == 0, result.stderr
        assert sent_count(data) == before + 10, f"a batch of ten at {local(moment)}"
    sent = dict(data.sql("SELECT id, sent_at FROM letters"))
    assert {letter_id: sent[letter_id] for letter_id in ids} == expected
    assert len(server.messages()) == 300
    after = data.send("status", "--now", iso(t0 + 3 * 86400), "--language", "en").stdout
    assert "queue empty by" not in after and "queued: 0 priority, 0 regular" in after


def test_a_broken_profiles_queue_leaves_through_its_reserve_when_forecast(panel, data, smtp):
    """Issue 14's reserve in the forecast: the shop's mailbox refuses its login, so its 30 letters
    go through «Запасной» (at most 20 a day, batches of 4 five minutes apart) after the reserve's
    own 3. `status` says so, with the times the rules give, and the runs send them then: none a
    minute before."""
    _, _, shop_server, spare_server, shop_id, spare_id = shop_with_reserve(
        panel, data, smtp, max_per_day="20", interval_minutes="5", batch_size="4", priority_per_day="0")

    # The mail host changes the mailbox's password: a first letter finds the login refused and
    # goes through the reserve in the same run.
    shop_server.stop()
    shop_server = smtp(auth="shop@example.com:changed-at-the-host", port=shop_server.port)
    t0 = (int(time.time()) // 60 + 2) * 60
    enqueue(data, "first@example.com", profile="Магазин")
    assert run(data, now=t0).returncode == 1, "the refused login is reported"
    assert data.sql("SELECT state FROM profiles WHERE id = ?", shop_id) == [("broken",)]
    assert len(spare_server.messages()) == 1
    shop = [enqueue(data, f"c{number}@example.com", profile="Магазин") for number in range(30)]
    spare = [enqueue(data, f"s{number}@example.com", profile="Запасной") for number in range(3)]

    minute, day = 60, 86_400
    # 20 a day: the first letter at t0, then 4, 4, 4, 4, 3 five minutes apart (the reserve's own 3
    # first); the rest as the first day's sends leave the 24 hours.
    batches = [(5, 1), (10, 4), (15, 4), (20, 4), (25, 3), (day // minute, 1), (day // minute + 5, 4),
               (day // minute + 10, 4), (day // minute + 15, 4), (day // minute + 20, 1)]
    expected = {letter_id: t0 + 5 * minute for letter_id in spare}
    carried = iter(shop)
    for offset, count in batches:
        for _ in range(count):
            expected[next(carried)] = t0 + offset * minute

    status = data.send("status", "--now", iso(t0 + minute), "--language", "en").stdout
    assert "queued: 0 priority, 30 regular" in status
    assert f"next send: {local(t0 + 5 * minute)}" in status
    assert f"queue empty by: {local(t0 + day + 20 * minute)}" in status
    assert "letters go through the reserve profile “Запасной”, within its limits" in status
    russian = data.send("status", "--now", iso(t0 + minute)).stdout
    assert f"очередь опустеет к: {local(t0 + day + 20 * minute)}" in russian
    assert "письма уходят через резервный профиль «Запасной», в его лимитах" in russian
    report = json.loads(data.send("status", "--json", "--now", iso(t0 + minute)).stdout)
    assert report["generated_at"] == iso(t0 + minute)
    (shop_report,) = [profile for profile in report["profiles"] if profile["name"] == "Магазин"]
    assert shop_report["queue_empty_at"] == iso(t0 + day + 20 * minute) and shop_report["carried_by"] == "Запасной"

    for moment in sorted(set(expected.values())):
        before = sent_count(data)
        result = run(data, now=moment - minute)
        assert result.returncode == 0, result.stderr
        assert sent_count(data) == before, f"nothing leaves a minute before {local(moment)}"
        result = run(data, now=moment)
        assert result.returncode == 0, result.stderr
        due = sum(1 for at in expected.values() if at == moment)
        assert sent_count(data) == before + due, f"{due} at {local(moment)}"
    sent = dict(data.sql("SELECT id, sent_at FROM letters"))
    assert {letter_id: sent[letter_id] for letter_id in expected} == expected
    assert len(spare_server.messages()) == 34 and shop_server.messages() == []
