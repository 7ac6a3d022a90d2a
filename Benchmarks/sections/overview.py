"""overview: (a) the forecast of when each letter leaves: `mailrobot-send status --now` with 100,000
letters waiting on one profile, against the same with 1,000 (the simulation is arithmetic over
counts, not a loop per letter); goal 100k/1k ≤ 1.5. (b) a logged-in `GET /overview` through nginx
with 1,000,000 letters in the journal (sent and failed over 30 days, through five profiles, made
sent by an UPDATE so the per-day tallies are kept as the sender keeps them), against the same
page with 1,000; goal: 1M/1k req/s ≥ 0.8."""

import sqlite3
import subprocess
import time

import parts
from tools import Figure, hyperfine, say, verdict, wrk

ROUTE = "/overview"
GOAL_FORECAST = 1.5
GOAL_PAGE = 0.8
PROFILES = 5
DAY = 86_400


def run(settings):
    with parts.Workspace("overview") as work:
        return [forecast_growth(work, settings), page_growth(work, settings)]


def forecast_growth(work, settings):
    data = work.data("forecast")
    panel = work.panel(data)
    panel.logged_in().create_profile("Магазин")
    panel.stop()
    profile = data.sql("SELECT id, name FROM profiles")[0]
    now = int(time.time())
    moment = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
    command = [str(parts.BIN / "mailrobot-send"), "status", "--now", moment, "--data", str(data.path)]
    timings = {}
    queued = 0
    for size in (1_000, 100_000):
        parts.insert_letters(data, letters([profile], queued, size - queued, now, status="queued"))
        queued = size
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        say(f"  {size:,} waiting: " + " / ".join(line.strip() for line in output.splitlines()[-2:]))
        timings[size] = hyperfine(command, work.path / f"status-{size}.json", warmup=2, runs=10 if settings.quick else 30)
        say(f"  mailrobot-send status, {size:,} waiting on one profile: {timings[size].text()}")
    ratio = timings[100_000].mean_ms / timings[1_000].mean_ms
    figure = Figure("overview", "forecast, status with 100,000 ÷ 1,000 waiting", f"{timings[100_000].mean_ms:.1f} ms",
                    f"{timings[1_000].mean_ms:.1f} ms", ratio, f"≤ {GOAL_FORECAST}", verdict(ratio <= GOAL_FORECAST))
    say(figure.line())
    return figure


def page_growth(work, settings):
    data = work.data("page")
    panel = work.panel(data)
    client = panel.logged_in()
    for number in range(1, PROFILES + 1):
        client.create_profile(f"Профиль {number}", login=f"shop{number}@example.com")
    probe = client.get(ROUTE)
    if probe.status == 404:
        say(f"  SKIPPED: route missing (GET {ROUTE} answers 404 in this build)")
        return Figure("overview", "GET /overview", "—", "—", None, f"≥ {GOAL_PAGE}", "SKIPPED")
    profiles = data.sql("SELECT id, name FROM profiles ORDER BY id")
    cookie = parts.session_cookie(client)
    now = int(time.time())
    rates = {}
    made = 0
    for size in (1_000, 1_000_000):
        started = time.perf_counter()
        parts.insert_letters(data, letters(profiles, made, size - made, now, status="sending"))
        finish_letters(data)
        made = size
        say(f"  {size:,} letters in the journal (made in {time.perf_counter() - started:.1f} s)")
        page = client.get(ROUTE)
        assert page.status == 200, page.status
        wrk(panel.url + ROUTE, 1, headers=[f"Cookie: {cookie}"])  # warm-up
        rates[size] = wrk(panel.url + ROUTE, settings.wrk_seconds, headers=[f"Cookie: {cookie}"])
        say(f"  GET {ROUTE}, {size:,} letters: {rates[size].text()}")
        if rates[size].non_2xx or rates[size].socket_errors:
            raise RuntimeError("errors during the page runs; see the figures above")
    large, small = rates[1_000_000], rates[1_000]
    ratio = large.rate / small.rate
    figure = Figure("overview", "GET /overview, 1,000,000 ÷ 1,000 letters", f"{large.rate:,.0f} req/s, p99 {large.p99_ms:.1f} ms",
                    f"{small.rate:,.0f} req/s, p99 {small.p99_ms:.1f} ms", ratio, f"≥ {GOAL_PAGE}",
                    verdict(ratio >= GOAL_PAGE))
    say(figure.line())
    return figure


def letters(profiles, first, count, now, status):
    """`count` letters numbered from `first`, spread over `profiles` in turn and over the last 30 days;
    one in ten a priority letter. Waiting ones ("queued") are all due."""
    for number in range(first, first + count):
        profile_id, profile_name = profiles[number % len(profiles)]
        created = now - (number * 7919) % (30 * DAY)
        yield (profile_id, profile_name, "order_placed", f"customer{number}@example.com", "",
               f"Заказ №{number} оформлен", f"Здравствуйте! Ваш заказ №{number} оформлен.\r\n", "",
               f"overview.{number}@example.com", int(number % 10 == 0), status, 0, created, "", created, created, None)


def finish_letters(data):
    """Makes the letters a run holds sent (one in forty failed) a minute after they were queued, by
    one UPDATE, so the triggers keep the per-day tallies as they do for the sender."""
    db = sqlite3.connect(data.path / "mailrobot.sqlite", timeout=60)
    try:
        with db:
            db.execute("UPDATE letters SET status = CASE WHEN id % 40 = 0 THEN 'failed' ELSE 'sent' END, "
                       "attempts = 1, updated_at = created_at + 60, "
                       "sent_at = CASE WHEN id % 40 = 0 THEN NULL ELSE created_at + 60 END WHERE status = 'sending'")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
