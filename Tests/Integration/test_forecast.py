"""Issue 13: when will each queued letter leave? The forecast against real runs with --now."""

import datetime
import time
import zoneinfo

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
