"""sender: (a) the wall time of an idle `mailrobot-send run` (what cron starts every minute), against
the sqlite3 shell asking the same question of the same database; goal < 20 ms. (b) the database cost
of one `mailrobot-send run --dry-run` with 1,000 and with 1,000,000 queued letters over 20
profiles; goal: 1M/1k ≤ 1.5."""

import random
import time

import parts
from tools import Figure, hyperfine, say, verdict

SQLITE3 = "/usr/bin/sqlite3"
GOAL_IDLE_MS = 20.0
GOAL_GROWTH = 1.5
PROFILES = 20


def run(settings):
    with parts.Workspace("sender") as work:
        return [idle_run(work), dry_run_growth(work, settings)]


def idle_run(work):
    data = work.data("idle")
    panel = work.panel(data)
    panel.logged_in().create_profile("Магазин")
    panel.stop()
    send = [str(parts.BIN / "mailrobot-send"), "run", "--data", str(data.path)]
    mailrobot = hyperfine(send, work.path / "idle-run.json", warmup=5, runs=50)
    question = ("SELECT EXISTS (SELECT 1 FROM letters WHERE status = 'queued' AND next_attempt_at <= unixepoch()) "
                "OR EXISTS (SELECT 1 FROM letters WHERE status = 'sending' AND lease_until < unixepoch())")
    shell = hyperfine([SQLITE3, "-readonly", str(data.path / "mailrobot.sqlite"), question],
                      work.path / "idle-sqlite3.json", warmup=5, runs=50)
    say(f"  mailrobot-send run, nothing queued: {mailrobot.text()}")
    say(f"  sqlite3 shell, the same question: {shell.text()}")
    figure = Figure("sender", "idle run, wall time (goal absolute) ÷ sqlite3 shell", f"{mailrobot.mean_ms:.1f} ms",
                    f"{shell.mean_ms:.1f} ms", mailrobot.mean_ms / shell.mean_ms, f"< {GOAL_IDLE_MS:g} ms",
                    verdict(mailrobot.mean_ms < GOAL_IDLE_MS))
    say(figure.line())
    return figure


def dry_run_growth(work, settings):
    data = work.data("queue")
    panel = work.panel(data)
    client = panel.logged_in()
    for number in range(1, PROFILES + 1):
        client.create_profile(f"Профиль {number:02d}", login=f"shop{number}@example.com")
    panel.stop()
    profiles = data.sql("SELECT id, name FROM profiles ORDER BY id")
    command = [str(parts.BIN / "mailrobot-send"), "run", "--dry-run", "--data", str(data.path)]
    small, large = settings.queue_sizes
    timings = {}
    queued = 0
    for size in (small, large):
        seconds = parts.insert_letters(data, queued_letters(profiles, queued, size - queued))
        queued = size
        say(f"  {size:,} letters queued (inserted in {seconds:.1f} s)")
        timings[size] = hyperfine(command, work.path / f"dry-run-{size}.json", warmup=2, runs=settings.dry_run_runs)
        say(f"  mailrobot-send run --dry-run, {size:,} queued: {timings[size].text()}")
    ratio = timings[large].mean_ms / timings[small].mean_ms
    figure = Figure("sender", f"dry run, {large:,} ÷ {small:,} queued", f"{timings[large].mean_ms:.1f} ms",
                    f"{timings[small].mean_ms:.1f} ms", ratio, f"≤ {GOAL_GROWTH}", verdict(ratio <= GOAL_GROWTH))
    say(figure.line())
    return figure


def queued_letters(profiles, first, count):
    """`count` valid queued letters numbered from `first`, spread over `profiles` in turn, one in ten
    of each profile's a priority letter, all due (next attempt within the last day)."""
    now = int(time.time())
    randomness = random.Random(first)
    for number in range(first, first + count):
        profile_id, profile_name = profiles[number % len(profiles)]
        created = now - randomness.randrange(1, 86_400)
        yield (profile_id, profile_name, "order_placed", f"customer{number}@example.com", "",
               f"Заказ №{number} оформлен", f"Здравствуйте! Ваш заказ №{number} оформлен.\r\n", "",
               f"bench.{number}@example.com", int(number // len(profiles) % 10 == 0), "queued", 0, created, "", created, created, None)

