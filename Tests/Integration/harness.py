"""Real parts for the integration tests: the built binaries, a data folder, the FastCGI server
behind nginx on 127.0.0.1, the test SMTP server, and an HTTP client that keeps cookies.

Every process started here is stopped by its PID; every wait is bounded.
"""

import contextlib
import fcntl
import html
import http.cookiejar
import json
import os
import pathlib
import re
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("MAILROBOT_BIN", ROOT / ".build" / "debug"))
INTEGRATION = pathlib.Path(__file__).resolve().parent
PYTHON = "/usr/bin/python3"
ADMIN_NAME = "admin"
ADMIN_PASSWORD = "correct horse battery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, timeout=15.0, interval=0.05, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def stop_process(process, timeout=10):
    """TERM, then KILL if it does not go: only our own child, by PID."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)


class DataFolder:
    """A fresh data folder, initialised, with one administrator."""

    def __init__(self, base):
        self.path = pathlib.Path(base) / "data"
        self.admin("init")
        self.admin("user", "add", ADMIN_NAME, "--password-stdin", input=ADMIN_PASSWORD + "\n")

    def admin(self, *arguments, input=None, check=True, env=None):
        return self._run("mailrobot-admin", arguments, input, check, env)

    def send(self, *arguments, input=None, check=True, env=None, timeout=120):
        return self._run("mailrobot-send", arguments, input, check, env, timeout)

    def _run(self, binary, arguments, input, check, env, timeout=60):
        command = [str(BIN / binary), *arguments, "--data", str(self.path)]
        environment = {**os.environ, "MAILROBOT_TEMPLATES": str(ROOT / "templates"), **(env or {})}
        result = subprocess.run(command, input=input, capture_output=True, text=True, timeout=timeout, env=environment)
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(command)} exited {result.returncode}: {result.stderr}")
        return result

    def sql(self, query, *parameters):
        import sqlite3
        with sqlite3.connect(self.path / "mailrobot.sqlite", timeout=30) as db:
            return db.execute(query, parameters).fetchall()


@contextlib.contextmanager
def profile_lock(data, profile_id):
    """Holds a profile's lock (as a pass at work does), so priority letters queued meanwhile wake
    no pass: the runs a test makes afterwards find them waiting."""
    folder = data.path / "locks"
    folder.mkdir(mode=0o700, exist_ok=True)
    with open(folder / f"profile-{profile_id}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


class Panel:
    """`mailrobot-admin serve` on a unix socket behind nginx on 127.0.0.1:PORT; with `fastcgi_params`
    (a file such as Debian's stock /etc/nginx/fastcgi_params) nginx includes it instead of the
    project's own fastcgi_param lines."""

    def __init__(self, data, work, ca_file=None, threads=4, env=None, fastcgi_params=None):
        self.data = data
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.prefix = pathlib.Path(work) / "nginx"
        self.socket = data.path / "mailrobot.sock"
        environment = {**os.environ, "MAILROBOT_LOG_LEVEL": "info"}
        if ca_file:
            environment["MAILROBOT_CA_FILE"] = str(ca_file)
        environment.update(env or {})
        self.log = open(pathlib.Path(work) / "admin.log", "w")
        self.server = subprocess.Popen(
            [str(BIN / "mailrobot-admin"), "serve", "--data", str(data.path), "--socket", str(self.socket),
             "--threads", str(threads), "--templates", str(ROOT / "templates")],
            stdout=self.log, stderr=subprocess.STDOUT, env=environment)
        wait_until(lambda: self.socket.exists() or self.server.poll() is not None, what="the FastCGI socket")
        if self.server.poll() is not None:
            raise AssertionError("mailrobot-admin serve exited: " + pathlib.Path(self.log.name).read_text())
        nginx_environment = {**os.environ, "FASTCGI_PARAMS": str(fastcgi_params or "")}
        subprocess.run([str(ROOT / "scripts" / "nginx-local.sh"), "start", str(self.prefix), str(self.port),
                        str(self.socket), str(ROOT / "public")], check=True, timeout=30, env=nginx_environment)

    def stop(self):
        subprocess.run([str(ROOT / "scripts" / "nginx-local.sh"), "stop", str(self.prefix)], timeout=30)
        stop_process(self.server)
        self.log.close()

    def log_text(self):
        """What the server (and the passes it started) wrote so far."""
        self.log.flush()
        return pathlib.Path(self.log.name).read_text(errors="replace")

    def client(self):
        return Client(self.url)

    def logged_in(self):
        client = self.client()
        client.login()
        return client


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


class Client:
    """A browser-like HTTP client: cookies kept, redirects not followed, the CSRF token read
    from the last page."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), self._NoRedirect())
        self.last_page = ""

    def request(self, method, path, body=None, headers=None):
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=headers or {})
        try:
            with self.opener.open(request, timeout=90) as answer:
                response = Response(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as error:
            response = Response(error.code, error.headers, error.read())
        if response.headers.get("Content-Type", "").startswith("text/html"):
            self.last_page = response.text
        return response

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields, csrf=True):
        fields = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if csrf:
            fields = [("csrf_token", self.csrf_token())] + fields
        body = urllib.parse.urlencode(fields).encode()
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def csrf_token(self):
        found = re.search(r'name="csrf_token" value="([^"]*)"', self.last_page)
        return html.unescape(found.group(1)) if found else ""

    def login(self, name=ADMIN_NAME, password=ADMIN_PASSWORD):
        self.get("/login")
        response = self.post("/login", {"name": name, "password": password})
        assert response.status == 303, response.text
        return response

    def create_profile(self, name, **fields):
        """A profile of the test SMTP servers: on loopback and often without TLS, so it is allowed
        both (pass allow_private_host="" or allow_plain_auth="" to leave a permission off). A
        priority share of 0 or of the whole maximum is confirmed, as an admin does by pressing
        «Сохранить» again after the form's warning."""
        self.get("/profiles/new")
        form = {"name": name, "host": "127.0.0.1", "port": "2525", "security": "none", "sender_name": "Магазин",
                "sender_email": "", "login": "shop@example.com", "password": "app-secret-1",
                "max_per_day": "500", "interval_minutes": "0", "batch_size": "50", "priority_per_day": "50",
                "allow_plain_auth": "1", "allow_private_host": "1"}
        form.update(fields)
        form.setdefault("limits_confirmed", f"{form['priority_per_day']}/{form['max_per_day']}")
        response = self.post("/profiles", form)
        assert response.status == 303, response.text
        return response


class SMTPServer:
    """`smtp_server.py` (aiosmtpd) on 127.0.0.1, with the messages it accepted."""

    def __init__(self, work, mode="plain", certificates=None, auth=None, script=None, delay_ms=0, hold_ms=20000,
                 port=0):
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="smtp-", dir=work))
        self.maildir = self.folder / "mail"
        arguments = [PYTHON, str(INTEGRATION / "smtp_server.py"), "--port", str(port), "--mode", mode,
                     "--maildir", str(self.maildir), "--delay-ms", str(delay_ms), "--hold-ms", str(hold_ms),
                     "--lifetime-s", "900"]
        if certificates:
            arguments += ["--cert", str(certificates / "server.crt"), "--key", str(certificates / "server.key")]
        if auth:
            arguments += ["--auth", auth]
        if script is not None:
            (self.folder / "script.json").write_text(json.dumps(script))
            arguments += ["--script", str(self.folder / "script.json")]
        self.log = open(self.folder / "server.log", "w")
        self.process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("READY "):
            stop_process(self.process)
            raise AssertionError("SMTP server did not start: " + (self.folder / "server.log").read_text())
        self.port = int(line.split()[1])

    def events(self):
        """What the server wrote to its log: a line `connection N` per TCP connection accepted,
        `AUTH MECHANISM` per login attempt."""
        self.log.flush()
        return (self.folder / "server.log").read_text()

    def messages(self):
        """Accepted messages: the JSON line of each with its bytes as `content`."""
        index = self.maildir / "messages.jsonl"
        if not index.exists():
            return []
        found = []
        for line in index.read_text().splitlines():
            entry = json.loads(line)
            entry["content"] = (self.maildir / entry["file"]).read_bytes()
            found.append(entry)
        return found

    def connections(self):
        """Closed connections: [{"connection", "opened_at", "closed_at"}, …] in order of closing."""
        index = self.maildir / "connections.jsonl"
        return [json.loads(line) for line in index.read_text().splitlines()] if index.exists() else []

    def stop(self):
        stop_process(self.process)
        self.log.close()


class DNSServer:
    """`dns_server.py` (dnslib) serving a test zone on 127.0.0.1, UDP and TCP on one port."""

    def __init__(self, work, zone, servfail=(), silent=()):
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="dns-", dir=work))
        (self.folder / "zone").write_text(zone)
        arguments = [PYTHON, str(INTEGRATION / "dns_server.py"), "--port", "0", "--zone", str(self.folder / "zone"),
                     "--log", str(self.folder / "questions.log"), "--lifetime-s", "900"]
        for name in servfail:
            arguments += ["--servfail", name]
        for name in silent:
            arguments += ["--silent", name]
        self.log = open(self.folder / "server.log", "w")
        self.process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("READY "):
            stop_process(self.process)
            raise AssertionError("DNS server did not start: " + (self.folder / "server.log").read_text())
        self.port = int(line.split()[1])
        self.address = f"127.0.0.1:{self.port}"

    def questions(self):
        """The questions received so far, "name. TYPE" each."""
        log = self.folder / "questions.log"
        return log.read_text().splitlines() if log.exists() else []

    def stop(self):
        stop_process(self.process)
        self.log.close()
