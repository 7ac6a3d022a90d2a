"""Issue 13: GET /metrics through nginx, read with an API token and parsed by prometheus_client's
text parser; and `mailrobot-send status --json` for scripts."""

import json

from prometheus_client.parser import text_string_to_metric_families

import harness


def test_metrics_parse_and_need_a_token(panel, data, smtp):
    server = smtp()
    client = panel.logged_in()
    client.create_profile("Магазин \"главный\"", port=str(server.port), is_default="1")
    client.create_profile("Запасной", port=str(server.port))
    for number in range(3):
        data.send("enqueue", "--to", f"c{number}@example.com", "--subject", "Заказ", "--text", "Спасибо",
                  "--profile", "Магазин \"главный\"")
    assert data.send("run").returncode == 0
    data.send("enqueue", "--to", "later@example.com", "--subject", "Заказ", "--text", "Спасибо",
              "--profile", "Запасной")
    token = data.admin("token", "add", "prometheus").stdout.strip()

    anonymous = panel.client().request("GET", "/metrics")
    assert anonymous.status == 401
    assert panel.client().request("GET", "/metrics", headers={"Authorization": "Bearer wrong"}).status == 401
    answer = panel.client().request("GET", "/metrics", headers={"Authorization": "Bearer " + token})
    assert answer.status == 200 and answer.headers["Content-Type"].startswith("text/plain; version=0.0.4")

    samples = {}
    for family in text_string_to_metric_families(answer.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    main = "Магазин \"главный\""
    assert samples[("mailrobot_letters", (("profile", main), ("status", "sent")))] == 3
    assert samples[("mailrobot_letters", (("profile", "Запасной"), ("status", "queued")))] == 1
    assert samples[("mailrobot_sends_24h", (("class", "regular"), ("profile", main)))] == 3
    assert samples[("mailrobot_queue_depth", (("class", "regular"), ("profile", "Запасной")))] == 1
    assert samples[("mailrobot_profile_state", (("profile", main), ("state", "working")))] == 1
    assert samples[("mailrobot_profile_state", (("profile", "Запасной"), ("state", "unchecked")))] == 1
    assert samples[("mailrobot_last_pass_timestamp_seconds", ())] > 1_700_000_000


def test_status_json_for_scripts(data):
    data.sql("SELECT 1")
    report = json.loads(data.send("status", "--json").stdout)
    assert report["profiles"] == [] and report["last_pass_at"] is None and report["generated_at"].endswith("Z")
