"""overview: (a) the forecast of when each letter leaves: `mailrobot-send status --now` with 100,000
letters waiting on one profile, against the same with 1,000 (the simulation is arithmetic over
counts, not a loop per letter); goal 100k/1k ≤ 1.5. (b) a logged-in `GET /overview` through nginx
with 1,000,000 letters in the journal (sent and failed over 30 days, through five profiles, made
sent by an UPDATE in the order of their time so the running totals are kept as the sender keeps
them, each sent one with its row in `sends`), against the same page with 1,000 in a data folder of
its own; goal: 1M/1k req/s ≥ 0.8."""

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
    rates = {}
    for size in (1_000, 1_000_000):
        # Each size its own data folder, filled as the sender fills it: in the order letters end.
        data = work.data(f"page-{size}")
        panel = work.panel(data)
        client = panel.logged_in()
        add_profiles(client)
        probe = client.get(ROUTE)
        if probe.status == 404:
            say(f"  SKIPPED: route missing (GET {ROUTE} answers 404 in this build)")
            return Figure("overview", "GET /overview", "—", "—", None, f"≥ {GOAL_PAGE}", "SKIPPED")
        profiles = data.sql("SELECT id, name FROM profiles ORDER BY id")
        cookie = parts.session_cookie(client)
        seconds = fill_journal(data, profiles, size, int(time.time()))
        check_totals(data)
        say(f"  {size:,} letters in the journal (made in {seconds:.1f} s)")
        page = client.get(ROUTE)
        assert page.status == 200, page.status
        wrk(panel.url + ROUTE, 1, headers=[f"Cookie: {cookie}"])  # warm-up
        rates[size] = wrk(panel.url + ROUTE, settings.wrk_seconds, headers=[f"Cookie: {cookie}"])
        say(f"  GET {ROUTE}, {size:,} letters: {rates[size].text()}")
        if rates[size].non_2xx or rates[size].socket_errors:
            raise RuntimeError("errors during the page runs; see the figures above")
        panel.stop()
    large, small = rates[1_000_000], rates[1_000]
    ratio = large.rate / small.rate
    figure = Figure("overview", "GET /overview, 1,000,000 ÷ 1,000 letters", f"{large.rate:,.0f} req/s, p99 {large.p99_ms:.1f} ms",
                    f"{small.rate:,.0f} req/s, p99 {small.p99_ms:.1f} ms", ratio, f"≥ {GOAL_PAGE}",
                    verdict(ratio >= GOAL_PAGE))
    say(figure.line())
    return figure


def add_profiles(client):
    """The page's five profiles, made through the panel's form, with limits that let each send its
    share of a million letters in 30 days."""
    for number in range(1, PROFILES + 1):
        client.create_profile(f"Профиль {number}", login=f"shop{number}@example.com", max_per_day="10000",
                              batch_size="100", priority_per_day="1000")


def letters(profiles, first, count, now, status):
    """`count` letters numbered from `first`, spread over `profiles` in turn and over the last 30 days;
    one in ten a priority letter. Waiting ones ("queued") are all due."""
    for number in range(first, first + count):
        profile_id, profile_name = profiles[number % len(profiles)]
        created = now - (number * 7919) % (30 * DAY)
        yield (profile_id, profile_name, "order_placed", f"customer{number}@example.com", "",
               f"Заказ №{number} оформлен", f"Здравствуйте! Ваш заказ №{number} оформлен.\r\n", "",
               f"overview.{number}@example.com", int(number % 10 == 0), status, 0, created, "", created, created, None)


# The same letters as `letters`, made inside SQLite from a recursive count (x: the letter's number),
# in the order of their time: the sender ends letters in that order.
MAKE_LETTERS = """
    INSERT INTO letters (profile_id, profile_name, event, to_address, to_name, subject, body_text, body_html,
        message_id, priority, status, attempts, next_attempt_at, last_reply, created_at, updated_at, sent_at)
    WITH RECURSIVE n(x) AS (SELECT ? UNION ALL SELECT x + 1 FROM n WHERE x < ?)
    SELECT p.id, p.name, 'order_placed', 'customer' || x || '@example.com', '', 'Заказ №' || x || ' оформлен',
        'Здравствуйте! Ваш заказ №' || x || ' оформлен.' || char(13, 10), '', 'overview.' || x || '@example.com',
        x % 10 = 0, 'sending', 0, created, '', created, created, NULL
    FROM (SELECT x, ? - (x * 7919) % ? AS created FROM n) JOIN temp.bench_profiles AS p ON p.turn = x % ?
    ORDER BY created, x"""


def fill_journal(data, profiles, count, now):
    """Adds `count` letters (those of `letters`), sent a minute after they
    were queued (one in forty failed), in one transaction, with the data the sender leaves: each
    letter is made 'sending' and then finished by one UPDATE, in the order of their time, so the
    product's triggers keep the running totals and the failed counts as they do for the sender; each sent letter has its row in
    `sends` (what the limits and «Обзор»'s use of the day read) and records the profile that sent
    it; the full-text index of recipients holds every letter.

    Made fast the way a bulk load is: the letters' indexes and the full-text trigger are dropped
    for the load and made again from their own SQL afterwards (the index rebuilt as a whole), so
    the database ends as the product's own inserts would leave it, in a minute instead of many.
    Returns the seconds it took."""
    started = time.perf_counter()
    db = sqlite3.connect(data.path / "mailrobot.sqlite", timeout=60, isolation_level=None)
    try:
        db.execute("PRAGMA cache_size = -262144")
        db.execute("BEGIN IMMEDIATE")
        (trigger,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                "AND name = 'letters_search_insert'").fetchone()
        indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'letters' "
                             "AND sql IS NOT NULL").fetchall()
        db.execute("DROP TRIGGER letters_search_insert")
        for name, _ in indexes:
            db.execute(f'DROP INDEX "{name}"')
        db.execute("CREATE TEMP TABLE bench_profiles (turn INTEGER PRIMARY KEY, id INTEGER, name TEXT)")
        db.executemany("INSERT INTO temp.bench_profiles VALUES (?, ?, ?)",
                       [(turn, profile_id, name) for turn, (profile_id, name) in enumerate(profiles)])
        (before,) = db.execute("SELECT coalesce(max(id), 0) FROM letters").fetchone()
        db.execute(MAKE_LETTERS, (0, count - 1, now, 30 * DAY, len(profiles)))
        db.execute("UPDATE letters SET status = CASE WHEN id % 40 = 0 THEN 'failed' ELSE 'sent' END, attempts = 1, "
                   "updated_at = created_at + 60, "
                   "sent_at = CASE WHEN id % 40 = 0 THEN NULL ELSE created_at + 60 END, "
                   "sent_profile_name = CASE WHEN id % 40 = 0 THEN '' ELSE profile_name END "
                   "WHERE status = 'sending' AND id > ?", (before,))
        db.execute("INSERT INTO sends (profile_id, letter_id, priority, at) "
                   "SELECT profile_id, id, priority, sent_at FROM letters WHERE id > ? AND status = 'sent'", (before,))
        for _, sql in indexes:
            db.execute(sql)
        db.execute("INSERT INTO letters_search(letters_search) VALUES ('rebuild')")
        db.execute(trigger)
        db.execute("DROP TABLE temp.bench_profiles")
        db.execute("COMMIT")
        # Into the database file, so the measured runs do not read a large write-ahead log.
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return time.perf_counter() - started


def check_totals(data):
    """The running totals the triggers kept are the journal's own counts (the migrations' formula),
    quarter hour by quarter hour."""
    kept = data.sql("SELECT slot, profile_id, sent - coalesce(lag(sent) OVER running, 0), "
                    "failed - coalesce(lag(failed) OVER running, 0) FROM letter_totals "
                    "WINDOW running AS (PARTITION BY profile_id ORDER BY slot) ORDER BY 1, 2")
    counted = data.sql("SELECT slot, profile, sum(sent), sum(failed) FROM ("
                       "SELECT coalesce(sent_at, updated_at) / 900 AS slot, coalesce(profile_id, 0) AS profile, "
                       "1 AS sent, 0 AS failed FROM letters WHERE status = 'sent' UNION ALL "
                       "SELECT updated_at / 900, coalesce(profile_id, 0), 0, 1 FROM letters WHERE status = 'failed') "
                       "GROUP BY slot, profile ORDER BY 1, 2")
    if [tuple(row) for row in kept] != [tuple(row) for row in counted]:
        raise RuntimeError("the running totals differ from the journal's counts")
