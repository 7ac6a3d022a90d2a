"""Issue 2 through nginx: access rules, CSRF, security headers, static files, the socket."""

import os
import stat
import subprocess

import harness

SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy")


def test_pages_need_a_login(panel):
    response = panel.client().get("/profiles")
    assert response.status == 303
    assert response.headers["Location"].startswith("/login")


def test_security_headers_everywhere(panel):
    client = panel.client()
    for path in ("/login", "/static/style.css", "/no-such-page", "/static/missing.css"):
        response = client.get(path)
        for header in SECURITY_HEADERS:
            assert response.headers.get(header), f"{header} missing on {path} ({response.status})"
    assert "frame-ancestors 'none'" in client.get("/login").headers["Content-Security-Policy"]


def test_static_files_come_from_public(panel):
    response = panel.client().get("/static/style.css")
    assert response.status == 200
    assert response.body == (harness.ROOT / "public" / "style.css").read_bytes()


def test_session_cookie_is_strict_and_http_only(panel):
    client = panel.client()
    client.get("/login")
    response = client.post("/login", {"name": harness.ADMIN_NAME, "password": harness.ADMIN_PASSWORD})
    cookie = [value for name, value in response.headers.items() if name == "Set-Cookie" and value.startswith("mr_session=")][0]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_post_without_csrf_token_is_refused_and_changes_nothing(panel, data):
    client = panel.logged_in()
    client.create_profile("Первый")
    client.create_profile("Второй")
    before = data.sql("SELECT * FROM profiles ORDER BY id")
    second = data.sql("SELECT id FROM profiles WHERE name = 'Второй'")[0][0]
    assert client.post(f"/profiles/{second}/default", {}, csrf=False).status == 403
    assert client.post(f"/profiles/{second}/delete", {"csrf_token": "forged"}, csrf=False).status == 403
    assert client.post("/profiles", {"name": "Третий", "host": "x.example", "login": "a@b.example"}, csrf=False).status == 403
    assert data.sql("SELECT * FROM profiles ORDER BY id") == before


def test_socket_is_not_world_writable(panel, data):
    mode = stat.S_IMODE(os.stat(panel.socket).st_mode)
    assert mode & 0o007 == 0, oct(mode)
    assert stat.S_IMODE(os.stat(data.path / "secret.key").st_mode) == 0o600


def test_world_readable_key_stops_both_binaries(data, tmp_path):
    os.chmod(data.path / "secret.key", 0o644)
    for binary, arguments in (("mailrobot-admin", ["serve", "--socket", str(tmp_path / "s.sock")]), ("mailrobot-send", ["run"])):
        result = subprocess.run([str(harness.BIN / binary), *arguments, "--data", str(data.path)],
                                capture_output=True, text=True, timeout=30)
        assert result.returncode != 0
        assert result.stderr.count("\n") == 1 and "0600" in result.stderr, result.stderr
    os.remove(data.path / "secret.key")
    result = subprocess.run([str(harness.BIN / "mailrobot-send"), "run", "--data", str(data.path)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode != 0 and "does not exist" in result.stderr


def test_repeated_failed_logins_are_slowed_down(panel):
    client = panel.client()
    client.get("/login")
    for _ in range(3):
        assert client.post("/login", {"name": harness.ADMIN_NAME, "password": "wrong"}).status == 401
    slowed = client.post("/login", {"name": harness.ADMIN_NAME, "password": harness.ADMIN_PASSWORD})
    assert slowed.status == 429
    assert "Повторите через" in slowed.text


def test_malformed_form_gets_400(panel):
    client = panel.logged_in()
    client.get("/profiles/new")
    body = ("csrf_token=" + client.csrf_token() + "&name=%FF%FE").encode()
    response = client.request("POST", "/profiles", body, {"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status == 400
