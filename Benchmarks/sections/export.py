"""export: seconds and peak RSS of the FastCGI server to export 100,000 journal rows through the panel
(`GET /journal/export.xlsx` through nginx), against Python XlsxWriter (constant_memory) writing the
same rows and columns from the same database. Goals: ≥ 3× faster, peak RSS < 64 MB."""

import json
import random
import re
import statistics
import subprocess
import threading
import time
import zipfile

import parts
from tools import Figure, say, verdict

ROUTE = "/journal/export.xlsx"
GOAL_SPEED = 3.0
GOAL_RSS_MB = 64
EVENTS = ["order_placed", "order_paid", "order_status_changed", "registration_confirmation", "password_reset",
          "affiliate_reward"]
PROFILES = ["Магазин", "Рассылка", "Резерв"]


def run(settings):
    with parts.Workspace("export") as work:
        data = work.data()
        panel = work.panel(data)
        client = panel.logged_in()
        for name in PROFILES:
            client.create_profile(name, login=f"{len(name)}@example.com")
        probe = client.get(ROUTE)
        if probe.status == 404:
            say(f"  SKIPPED: route missing (GET {ROUTE} answers 404 in this build)")
            return [Figure("export", "journal export", "—", "—", None, f"≥ {GOAL_SPEED:g}× faster, < {GOAL_RSS_MB} MB",
                           "SKIPPED")]
        if probe.status != 200:
            raise RuntimeError(f"GET {ROUTE} answered {probe.status}: {probe.text[:300]}")
        parts.install_shipped_events(data)
        profiles = data.sql("SELECT id, name FROM profiles ORDER BY id")
        seconds = parts.insert_letters(data, journal_letters(profiles, settings.export_rows))
        say(f"  {settings.export_rows:,} letters in the journal (inserted in {seconds:.1f} s); "
            f"{settings.export_repeats} export(s) each")

        mailrobot = [panel_export(work, panel, client, settings.export_rows) for _ in range(settings.export_repeats)]
        python = [xlsxwriter_export(work, data, settings.export_rows) for _ in range(settings.export_repeats)]
        ours = statistics.median(seconds for seconds, _, _ in mailrobot)
        theirs = statistics.median(seconds for seconds, _ in python)
        peak_mb = max(peak for _, peak, _ in mailrobot) / 1024
        idle_mb = min(idle for _, _, idle in mailrobot) / 1024
        python_mb = max(peak for _, peak in python) / 1024
        say(f"  GET {ROUTE}: {ours:.2f} s (median), FastCGI server peak RSS {peak_mb:.1f} MB "
            f"(before the request {idle_mb:.1f} MB)")
        say(f"  Python XlsxWriter constant_memory: {theirs:.2f} s (median), peak RSS {python_mb:.1f} MB")
        speed = theirs / ours
        figures = [
            Figure("export", f"{settings.export_rows:,} rows, speed ÷ XlsxWriter", f"{ours:.2f} s", f"{theirs:.2f} s",
                   speed, f"≥ {GOAL_SPEED:g}× faster", verdict(speed >= GOAL_SPEED)),
            Figure("export", f"{settings.export_rows:,} rows, peak RSS (goal absolute) ÷ XlsxWriter",
                   f"{peak_mb:.1f} MB", f"{python_mb:.1f} MB", peak_mb / python_mb, f"< {GOAL_RSS_MB} MB",
                   verdict(peak_mb < GOAL_RSS_MB)),
        ]
        for figure in figures:
            say(figure.line())
        return figures


def panel_export(work, panel, client, rows):
    """One export through nginx: (seconds, peak RSS KiB of the FastCGI server, RSS before)."""
    idle = parts.process_memory(panel.pid)["VmRSS"]
    reset = parts.reset_peak_memory(panel.pid)
    sampler = RSSSampler(panel.pid)
    started = time.perf_counter()
    response = client.get(ROUTE)
    seconds = time.perf_counter() - started
    peak = sampler.stop()
    if reset:
        peak = max(peak, parts.process_memory(panel.pid)["VmHWM"])
    if response.status != 200:
        raise RuntimeError(f"GET {ROUTE} answered {response.status}: {response.text[:300]}")
    path = work.path / "mailrobot.xlsx"
    path.write_bytes(response.body)
    check_rows(path, rows, "the panel's export")
    return seconds, peak, idle


def xlsxwriter_export(work, data, rows):
    """One run of xlsx_baseline.py in its own process: (seconds, peak RSS KiB)."""
    path = work.path / "xlsxwriter.xlsx"
    result = subprocess.run(["/usr/bin/python3", str(parts.ROOT / "Benchmarks" / "xlsx_baseline.py"),
                             str(data.path / "mailrobot.sqlite"), str(path)],
                            capture_output=True, text=True, timeout=300, check=True)
    measured = json.loads(result.stdout)
    check_rows(path, rows, "XlsxWriter's file")
    return measured["seconds"], measured["max_rss_kb"]


def check_rows(path, rows, what):
    """The first sheet must hold a header and `rows` rows."""
    with zipfile.ZipFile(path) as archive:
        with archive.open("xl/worksheets/sheet1.xml") as sheet:
            found = 0
            tail = b""
            while chunk := sheet.read(1 << 20):
                found += len(re.findall(rb"<row[ >]", tail + chunk))
                tail = chunk[-4:]
    if found != rows + 1:
        raise RuntimeError(f"{what} has {found} rows, expected {rows} and a header")


class RSSSampler:
    """Samples VmRSS of a process every 10 ms in a thread; `stop()` returns the highest, in KiB."""

    def __init__(self, pid):
        self.pid = pid
        self.peak = parts.process_memory(pid)["VmRSS"]
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self):
        while not self.done.wait(0.01):
            self.peak = max(self.peak, parts.process_memory(self.pid)["VmRSS"])

    def stop(self):
        self.done.set()
        self.thread.join(timeout=5)
        return self.peak


def journal_letters(profiles, count):
    """`count` letters as a shop's journal holds them: mostly sent, some queued for a retry, failed
    or cancelled, with replies, attempts and times."""
    now = int(time.time())
    randomness = random.Random(count)
    for number in range(count):
        profile_id, profile_name = profiles[number % len(profiles)]
        event = EVENTS[number % len(EVENTS)]
        created = now - (count - number) * 30
        roll = randomness.random()
        if roll < 0.8:
            status, attempts, next_at, sent_at = "sent", 1, created, created + randomness.randrange(60, 600)
            reply = f"250 2.0.0 Ok: queued as {number:010X}"
        elif roll < 0.9:
            status, attempts, next_at, sent_at = "queued", randomness.randrange(0, 4), now + 300, None
            reply = "451 4.7.1 Try again later" if attempts else ""
        elif roll < 0.97:
            status, attempts, next_at, sent_at = "failed", randomness.randrange(1, 4), created, None
            reply = f"550 5.1.1 <customer{number}@example.com>: Recipient address rejected: User unknown"
        else:
            status, attempts, next_at, sent_at, reply = "cancelled", 0, created, None, ""
        yield (profile_id, profile_name, event, f"customer{number}@example.com", f"Покупатель {number}",
               f"Заказ №{100_000 + number} — Интернет-магазин «Ромашка»", "Здравствуйте!\r\n", "",
               f"journal.{number}@example.com", int(number % 10 == 0), status, attempts, next_at, reply, created,
               created, sent_at)
