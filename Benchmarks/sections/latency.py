"""latency: how soon a priority letter reaches the mail host. N = 200 priority letters are posted to
`POST /api/v1/messages` through nginx at 10 a second, to a profile pointing at a local SMTP server;
each letter's latency is the time from the API's 201 to the server reading its final dot. No cron
runs: the wake-up of issue 12 is what sends them. Goals: p50 < 1 s, p99 < 3 s (with cron alone: 30 s
on average, 60 s at worst, by construction)."""

import json
import threading
import time

import parts
from tools import Figure, say, verdict

RATE = 10  # letters a second
GOAL_P50_S = 1.0
GOAL_P99_S = 3.0
WAIT_S = 60  # for the last letters after the last post


def run(settings):
    count = settings.latency_letters
    with parts.Workspace("latency") as work:
        data = work.data()
        capture = work.capture()
        panel = work.panel(data)
        panel.logged_in().create_profile("Быстрый", host="127.0.0.1", port=str(capture.port), security="none",
                              max_per_day=str(10 * count), batch_size=str(count), interval_minutes="0",
                              priority_per_day=str(5 * count))
        parts.install_shipped_events(data)
        token = data.admin("token", "add", "bench").stdout.strip()
        sample = parts.event_sample("password_reset")
        say(f"  {count} priority letters (password_reset, 1 profile) at {RATE}/s through nginx; "
            f"disk: write + fdatasync {parts.commit_latency_ms(work.path):.2f} ms (median)")

        answered = {}
        failures = []
        lock = threading.Lock()

        def post(number):
            recipient = f"reset{number:04d}@example.com"
            body = json.dumps({"event": "password_reset", "to": recipient, "data": sample, "priority": True})
            response = parts.Client(panel.url).request(
                "POST", "/api/v1/messages", body.encode(),
                {"Content-Type": "application/json", "Authorization": "Bearer " + token})
            moment = time.perf_counter()
            with lock:
                if response.status == 201:
                    answered[recipient] = moment
                else:
                    failures.append(f"{response.status} {response.text[:200]}")

        started = time.perf_counter()
        threads = []
        for number in range(count):
            # On a fixed schedule, each post in a thread of its own: a slow answer delays no other.
            delay = started + number / RATE - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            thread = threading.Thread(target=post, args=(number,))
            thread.start()
            threads.append(thread)
        for thread in threads:
            thread.join(timeout=30)
        parts.wait_until(lambda: len(capture.arrivals) >= count, timeout=WAIT_S, interval=0.1,
                         what=f"{count} letters at the SMTP server")
        if failures:
            raise RuntimeError(f"{len(failures)} posts were not answered 201: {failures[0]}")
        arrived = dict(capture.arrivals)
        latencies = sorted(arrived[recipient] - moment for recipient, moment in answered.items())
        p50 = latencies[len(latencies) // 2]
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        passes = panel.log_text().count("pass started")
        say(f"  API 201 → final dot at the server: p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
            f"max {latencies[-1] * 1000:.0f} ms; {len(latencies)} letters, {passes} passes started")
        figure = Figure("latency", "priority letter, API 201 → final dot (p50 / p99)",
                        f"{p50 * 1000:.0f} ms / {p99 * 1000:.0f} ms", "cron alone: 30 s mean, 60 s max", None,
                        f"< {GOAL_P50_S:g} s / < {GOAL_P99_S:g} s",
                        verdict(p50 < GOAL_P50_S and p99 < GOAL_P99_S))
        say(figure.line())
        return [figure]

