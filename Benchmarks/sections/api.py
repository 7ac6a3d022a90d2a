"""api: letters/s accepted by `POST /api/v1/messages` (event order_placed with its sample data, no
idempotency key, so each request queues a letter) through nginx with 16 concurrent clients, against
a logged-in `GET /profiles` of the same panel in the same run. Goal: ≥ 0.5× the page rate, no errors."""

import json

import parts
from tools import Figure, lua_string, say, verdict, wrk

GOAL = 0.5


def run(settings):
    with parts.Workspace("api") as work:
        data = work.data()
        panel = work.panel(data)
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
        cookie = parts.session_cookie(client)
        say(f"  body: {len(body.encode()):,} bytes; wrk -t2 -c16 -d{settings.wrk_seconds}s --latency; "
            f"disk: write + fdatasync {parts.commit_latency_ms(work.path):.2f} ms (median)")

        wrk(panel.url + "/profiles", 1, headers=[f"Cookie: {cookie}"])  # warm-up
        page = wrk(panel.url + "/profiles", settings.wrk_seconds, headers=[f"Cookie: {cookie}"])
        before = data.sql("SELECT count(*) FROM letters")[0][0]
        api = wrk(panel.url + "/api/v1/messages", settings.wrk_seconds, script=script)
        queued = data.sql("SELECT count(*) FROM letters")[0][0] - before
        say(f"  GET /profiles (1 profile): {page.text()}")
        say(f"  POST /api/v1/messages: {api.text()}; {queued:,} letters queued "
            f"({queued / api.seconds:,.0f} letters/s)")
        errors = api.non_2xx + api.socket_errors
        ratio = api.rate / page.rate
        figure = Figure("api", "POST /api/v1/messages ÷ GET /profiles",
                        f"{api.rate:,.0f} letters/s, p99 {api.p99_ms:.2f} ms, {errors} errors",
                        f"{page.rate:,.0f} req/s, p99 {page.p99_ms:.2f} ms", ratio, f"≥ {GOAL}, 0 errors",
                        verdict(ratio >= GOAL and errors == 0))
        say(figure.line())
        return [figure]
