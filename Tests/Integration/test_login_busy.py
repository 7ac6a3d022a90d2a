"""Issue 10: at most threads − 2 key derivations at once. With `serve --threads 3` one login may derive
its key; while a slow one does (an admin whose stored hash has ten million rounds), another login is
answered 503 at once, and pages and the API answer as usual."""

import base64
import os
import threading
import time
import urllib.parse

import pytest

import harness

SLOW_ROUNDS = 10_000_000


def slow_admin(data):
    """An admin whose stored hash makes every check of its password take seconds."""
    data.admin("user", "add", "slow", "--password-stdin", input="slow password 1\n")
    stored = "$".join(["pbkdf2-sha256", str(SLOW_ROUNDS), base64.b64encode(os.urandom(16)).decode(),
                       base64.b64encode(os.urandom(32)).decode()])
    data.sql("UPDATE admins SET password_hash = ? WHERE name = 'slow'", stored)


def login_post(client, name, password):
    client.get("/login")
    body = urllib.parse.urlencode({"csrf_token": client.csrf_token(), "name": name, "password": password}).encode()
    return client.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded"})


@pytest.fixture
def busy_panel(data, tmp_path, certificates):
    slow_admin(data)
    running = harness.Panel(data, tmp_path, ca_file=certificates / "ca.crt", threads=3)
    yield running
    running.stop()


def test_a_login_beyond_the_gate_is_503_at_once(busy_panel):
    reader = busy_panel.logged_in()
    slow_answer = {}
    slow = threading.Thread(target=lambda: slow_answer.update(
        response=login_post(busy_panel.client(), "slow", "wrong")))
    slow.start()
    time.sleep(1)  # let it reach its key derivation first
    try:
        busy = None
        for _ in range(8):
            started = time.monotonic()
            response = login_post(busy_panel.client(), harness.ADMIN_NAME, harness.ADMIN_PASSWORD)
            took = time.monotonic() - started
            if response.status == 503:
                busy = (response, took)
                break
            assert slow.is_alive(), "the slow login ended before another one met it"
            time.sleep(0.3)
        assert busy, "no login was turned away while the slow one derived its key"
        response, took = busy
        assert took < 3, f"the 503 took {took:.1f} s"
        assert response.headers.get("Retry-After") == "5"
        assert "Сервер сейчас занят проверкой других входов" in response.text

        # Meanwhile the other pages and the API answer.
        started = time.monotonic()
        assert reader.get("/profiles").status == 200
        api = reader.request("POST", "/api/v1/messages", b"{}",
                             {"Content-Type": "application/json", "Authorization": "Bearer mr_wrong"})
        assert api.status == 401
        assert time.monotonic() - started < 3
        assert slow.is_alive(), "the slow login was still deriving while they answered"
    finally:
        slow.join(timeout=120)
    assert slow_answer["response"].status == 401
    assert login_post(busy_panel.client(), harness.ADMIN_NAME, harness.ADMIN_PASSWORD).status == 303
