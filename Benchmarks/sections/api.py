"""api: letters/s accepted by `POST /api/v1/messages` (event order_placed with its sample data, no
idempotency key, so each request queues a letter) through nginx with 16 concurrent clients, against
nginx serving the bytes of the API's answer as a static file in the same run. Goals: ≥ 0.1× the
static rate, p99 < 20 ms, no errors. The logged-in GET /profiles of the same panel is printed too."""

import json
import shutil

import parts
from tools import Figure, lua_string, say, verdict, wrk

GOAL = 0.1
GOAL_P99_MS = 20.0


def run(settings):
    with parts.Workspace("api") as work:
        data = work.data()
        public = work.folder("public")
        shutil.copytree(parts.ROOT / "public", public, dirs_exist_ok=True)
        panel = work.panel(data, public=public)
        client = panel.logged_in()
        client.create_profile("Магазин")
        parts.install_shipped_events(data)
        token = data.admin("token", "add", "bench").stdout.strip()
        body = json.dumps({"event": "order_placed", "to": "anna@example.com", "to_name": "Анна Петрова",
                           "data": parts.event_sample("order_placed")})
        script = work.path / "post.lua"
        script.write_text("wrk.method = \"POST\"\n"
                          f"wrk.body = {lua_string(body)}\n"
                          "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                          f"wrk.headers[\"Authorization\"] = {lua_string('Bearer ' + token)}\n")
        probe = client.request("POST", "/api/v1/messages", body.encode(),
                               {"Content-Type": "application/json", "Authorization": "Bearer " + token})
        if probe.status != 201:
            raise RuntimeError(f"POST /api/v1/messages answered {probe.status}: {probe.text[:300]}")
        (public / "answer.json").write_bytes(probe.body)
        cookie = parts.session_cookie(client)
        say(f"  body: {len(body.encode()):,} bytes, answer {len(probe.body)} bytes; wrk -t2 -c16 "
            f"-d{settings.wrk_seconds}s --latency; disk: write + fdatasync "
            f"{parts.commit_latency_ms(work.path):.2f} ms (median)")

        wrk(panel.url + "/profiles", 1, headers=[f"Cookie: {cookie}"])  # warm-up
        page = wrk(panel.url + "/profiles", settings.wrk_seconds, headers=[f"Cookie: {cookie}"])
        before = data.sql("SELECT count(*) FROM letters")[0][0]
        api = wrk(panel.url + "/api/v1/messages", settings.wrk_seconds, script=script)
        queued = data.sql("SELECT count(*) FROM letters")[0][0] - before
        wrk(panel.url + "/static/answer.json", 1)
        static = wrk(panel.url + "/static/answer.json", settings.wrk_seconds)
        say(f"  GET /profiles (1 profile): {page.text()}")
        say(f"  POST /api/v1/messages: {api.text()}; {queued:,} letters queued "
            f"({queued / api.seconds:,.0f} letters/s)")
        say(f"  GET /static/answer.json: {static.text()}")
        errors = api.non_2xx + api.socket_errors
        ratio = api.rate / static.rate
        figure = Figure("api", "POST /api/v1/messages ÷ static file",
                        f"{api.rate:,.0f} letters/s, p99 {api.p99_ms:.2f} ms, {errors} errors",
                        f"{static.rate:,.0f} req/s, p99 {static.p99_ms:.2f} ms", ratio,
                        f"≥ {GOAL}, p99 < {GOAL_P99_MS:g} ms, 0 errors",
                        verdict(ratio >= GOAL and api.p99_ms < GOAL_P99_MS and errors == 0))
        say(figure.line())
        return [figure]
