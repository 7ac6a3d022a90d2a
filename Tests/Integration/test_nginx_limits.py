"""Issue 10: nginx's request limits on the login form and the API, seen from a client address other than
the shop's own machine (127.0.0.2; loopback 127.0.0.1 is the shop's backend, which the API does not limit)."""

import concurrent.futures
import http.client
import json
import time
import urllib.parse

import harness

STRANGER = "127.0.0.2"


def request(panel, method, path, body=b"", headers=None, source=STRANGER):
    connection = http.client.HTTPConnection("127.0.0.1", panel.port, timeout=60, source_address=(source, 0))
    try:
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, answer.getheader("Content-Type", ""), answer.read().decode("utf-8", "replace")
    finally:
        connection.close()


def api(panel, token, source=STRANGER):
    body = json.dumps({"event": "order_placed", "to": "a@example.com", "data": {}}).encode()
    return request(panel, "POST", "/api/v1/messages", body,
                   {"Content-Type": "application/json", "Authorization": "Bearer " + token}, source)


def test_a_burst_of_logins_gets_429_and_normal_use_passes(panel):
    form = urllib.parse.urlencode({"name": harness.ADMIN_NAME, "password": "wrong"}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    # Pages are not counted: many GETs of the login page pass.
    assert {request(panel, "GET", "/login")[0] for _ in range(30)} == {200}
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: request(panel, "POST", "/login", form, headers), range(20)))
    limited = [answer for answer in answers if answer[0] == 429]
    # 1 + a burst of 10 reach the panel; the rest are turned away by nginx, with a page in Russian.
    assert len(answers) - len(limited) == 11, [answer[0] for answer in answers]
    status, content_type, body = limited[0]
    assert content_type.startswith("text/html") and "Слишком много попыток входа" in body
    # The panel's own pages are not limited, and the shop's machine still logs in.
    assert request(panel, "GET", "/login")[0] == 200
    panel.logged_in()


def test_a_burst_on_the_api_gets_429_and_normal_use_passes(panel, data):
    token = data.admin("token", "add", "shop").stdout.strip()
    # Normal use: a letter every 100 ms.
    for _ in range(10):
        assert api(panel, token)[0] in (201, 422)
        time.sleep(0.1)
    # A flood from one address: past 200 at once and 100 a second, nginx answers 429 in JSON.
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda _: api(panel, "not-a-token"), range(800)))
    statuses = [answer[0] for answer in answers]
    assert statuses.count(401) >= 200 and statuses.count(429) > 0, {s: statuses.count(s) for s in set(statuses)}
    status, content_type, body = next(answer for answer in answers if answer[0] == 429)
    assert content_type == "application/json" and json.loads(body)["error"]["code"] == "rate_limited"
    # The shop's backend on this machine is not limited.
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        local = list(pool.map(lambda _: api(panel, "not-a-token", source="127.0.0.1")[0], range(400)))
    assert set(local) == {401}
