"""panel: a logged-in `GET /profiles` with 50 profiles through nginx, against nginx serving the
same bytes as a static file. Goals: dynamic/static ≥ 0.25 (stretch 0.5), p99 < 5 ms."""

import shutil

import parts
from tools import Figure, say, verdict, wrk

PROFILES = 50
GOAL = 0.25
STRETCH = 0.5
GOAL_P99_MS = 5.0


def add_profiles(client):
    """The 50 profiles of the page, made through the panel's form."""
    for number in range(1, PROFILES + 1):
        client.create_profile(f"Профиль {number:02d}", login=f"shop{number}@example.com")


def run(settings):
    with parts.Workspace("panel") as work:
        data = work.data()
        # The production nginx rules, with a public folder that will also hold the page's bytes.
        public = work.folder("public")
        shutil.copytree(parts.ROOT / "public", public, dirs_exist_ok=True)
        panel = work.panel(data, public=public)
        client = panel.logged_in()
        add_profiles(client)
        page = client.get("/profiles")
        assert page.status == 200 and page.text.count("Профиль ") >= PROFILES, page.status
        cookie = parts.session_cookie(client)
        (public / "profiles.html").write_bytes(page.body)
        static = parts.Client(panel.url).get("/static/profiles.html")
        assert static.status == 200 and static.body == page.body, static.status
        say(f"  page: {len(page.body):,} bytes, {PROFILES} profiles; wrk -t2 -c16 -d{settings.wrk_seconds}s --latency")

        wrk(panel.url + "/profiles", 1, headers=[f"Cookie: {cookie}"])  # warm-up
        dynamic = wrk(panel.url + "/profiles", settings.wrk_seconds, headers=[f"Cookie: {cookie}"])
        wrk(panel.url + "/static/profiles.html", 1)
        static = wrk(panel.url + "/static/profiles.html", settings.wrk_seconds)
        say(f"  GET /profiles (FastCGI): {dynamic.text()}")
        say(f"  GET /static/profiles.html: {static.text()}")
        if dynamic.non_2xx or dynamic.socket_errors or static.non_2xx or static.socket_errors:
            raise RuntimeError("errors during the page runs; see the figures above")
        ratio = dynamic.rate / static.rate
        figure = Figure("panel", "GET /profiles ÷ static file", f"{dynamic.rate:,.0f} req/s, p99 {dynamic.p99_ms:.2f} ms",
                        f"{static.rate:,.0f} req/s, p99 {static.p99_ms:.2f} ms", ratio,
                        f"≥ {GOAL} (stretch {STRETCH}), p99 < {GOAL_P99_MS:g} ms",
                        verdict(ratio >= GOAL and dynamic.p99_ms < GOAL_P99_MS))
        say(figure.line())
        return [figure]
