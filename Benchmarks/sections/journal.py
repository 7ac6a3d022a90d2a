"""journal: «Журнал» with 1,000,000 letters in the outbox: a logged-in GET of its first page and of a
filtered page through nginx, each against nginx serving the same bytes as a static file. Goals:
dynamic/static ≥ 0.25 and p99 < 10 ms for each page."""

import shutil

import parts
from sections import export
from tools import Figure, say, verdict, wrk

LETTERS = 1_000_000
GOAL = 0.25
GOAL_P99_MS = 10.0
# The first page, and the failed letters of one profile (a filter on two indexed columns).
PAGES = {"first page": "/journal", "filtered": "/journal?status=failed&profile=2"}


def add_letters(data, count):
    """`count` letters of the export section's mix (mostly sent, some queued, failed, cancelled)
    over the profiles the data folder has; returns the seconds the insert took."""
    profiles = data.sql("SELECT id, name FROM profiles ORDER BY id")
    return parts.insert_letters(data, export.journal_letters(profiles, count))


def run(settings):
    with parts.Workspace("journal") as work:
        data = work.data()
        public = work.folder("public")
        shutil.copytree(parts.ROOT / "public", public, dirs_exist_ok=True)
        panel = work.panel(data, public=public)
        client = panel.logged_in()
        for name in export.PROFILES:
            client.create_profile(name, login=f"{len(name)}@example.com")
        parts.install_shipped_events(data)
        seconds = add_letters(data, LETTERS)
        cookie = parts.session_cookie(client)
        say(f"  {LETTERS:,} letters in the outbox (inserted in {seconds:.1f} s); "
            f"wrk -t2 -c16 -d{settings.wrk_seconds}s --latency")
        figures = []
        for number, (name, path) in enumerate(PAGES.items()):
            page = client.get(path)
            assert page.status == 200 and page.text.count("<tr id=\"letter-") == 50, (path, page.status)
            static_name = f"journal-{number}.html"
            (public / static_name).write_bytes(page.body)
            static = parts.Client(panel.url).get(f"/static/{static_name}")
            assert static.status == 200 and static.body == page.body, static.status
            wrk(panel.url + path, 1, headers=[f"Cookie: {cookie}"])  # warm-up
            dynamic = wrk(panel.url + path, settings.wrk_seconds, headers=[f"Cookie: {cookie}"])
            wrk(panel.url + f"/static/{static_name}", 1)
            baseline = wrk(panel.url + f"/static/{static_name}", settings.wrk_seconds)
            say(f"  GET {path} ({len(page.body):,} bytes, FastCGI): {dynamic.text()}")
            say(f"  GET /static/{static_name}: {baseline.text()}")
            if dynamic.non_2xx or dynamic.socket_errors or baseline.non_2xx or baseline.socket_errors:
                raise RuntimeError("errors during the page runs; see the figures above")
            ratio = dynamic.rate / baseline.rate
            figure = Figure("journal", f"GET {path} ({name}) ÷ static file",
                            f"{dynamic.rate:,.0f} req/s, p99 {dynamic.p99_ms:.2f} ms",
                            f"{baseline.rate:,.0f} req/s, p99 {baseline.p99_ms:.2f} ms", ratio,
                            f"≥ {GOAL}, p99 < {GOAL_P99_MS:g} ms",
                            verdict(ratio >= GOAL and dynamic.p99_ms < GOAL_P99_MS))
            say(figure.line())
            figures.append(figure)
        return figures
