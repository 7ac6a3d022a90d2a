"""The real parts a benchmark starts on 127.0.0.1: data folders, the panel (FastCGI server behind
nginx), Postfix's smtp-sink, and a small capturing SMTP server. Everything started here is
registered with a Workspace, which stops it by PID when the section ends, however it ends.
"""

import contextlib
import json
import os
import pathlib
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
# Overridable, to measure another build: MAILROBOT_BIN (binaries), MAILROBOT_TEMPLATES (templates/).
BIN = pathlib.Path(os.environ.get("MAILROBOT_BIN", ROOT / ".build" / "release"))
os.environ["MAILROBOT_BIN"] = str(BIN)  # read by harness at import
os.environ.setdefault("MAILROBOT_TEMPLATES", str(ROOT / "templates"))
sys.path.insert(0, str(ROOT / "Tests" / "Integration"))

import harness  # noqa: E402  (the integration tests' parts: DataFolder, Client, free_port…)

SMTP_SINK = "/usr/sbin/smtp-sink"
NGINX_LOCAL = ROOT / "scripts" / "nginx-local.sh"
MAIL_TEMPLATES = ROOT / "templates" / "mail"

free_port = harness.free_port
wait_until = harness.wait_until
stop_process = harness.stop_process
Client = harness.Client


class Workspace(contextlib.ExitStack):
    """A temporary folder and everything started in it; closing stops all of it, newest first."""

    def __init__(self, name):
        super().__init__()
        self.path = pathlib.Path(tempfile.mkdtemp(prefix=f"mailrobot-bench-{name}-"))
        self.callback(shutil.rmtree, self.path, ignore_errors=True)

    def folder(self, name):
        path = self.path / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def data(self, name="data"):
        """A fresh data folder (init + one admin), as the integration tests make it."""
        return harness.DataFolder(self.folder(name))

    def panel(self, data, public=None, threads=8):
        panel = Panel(data, self.folder(f"panel-{free_port()}"), public or ROOT / "public", threads)
        self.callback(panel.stop)
        return panel

    def sink(self):
        sink = SMTPSink(self.folder(f"sink-{free_port()}"))
        self.callback(sink.stop)
        return sink

    def capture(self):
        server = CaptureServer()
        self.callback(server.stop)
        return server


class Panel:
    """`mailrobot-admin serve` (release build, production defaults: 8 threads, log level info) on
    a unix socket, behind `scripts/nginx-local.sh` serving `public` under /static/."""

    def __init__(self, data, work, public, threads):
        self.data = data
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.prefix = work / "nginx"
        self.socket = data.path / "mailrobot.sock"
        self.log = open(work / "admin.log", "w")
        self.server = subprocess.Popen(
            [str(BIN / "mailrobot-admin"), "serve", "--data", str(data.path), "--socket", str(self.socket),
             "--threads", str(threads), "--templates", os.environ["MAILROBOT_TEMPLATES"]],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        self.nginx_started = False
        wait_until(lambda: self.socket.exists() or self.server.poll() is not None, what="the FastCGI socket")
        if self.server.poll() is not None:
            raise RuntimeError("mailrobot-admin serve exited: " + (work / "admin.log").read_text())
        subprocess.run([str(NGINX_LOCAL), "start", str(self.prefix), str(self.port), str(self.socket), str(public)],
                       check=True, timeout=30, capture_output=True)
        self.nginx_started = True

    @property
    def pid(self):
        return self.server.pid

    def log_text(self):
        """What the server (and the passes it started) wrote so far."""
        self.log.flush()
        return pathlib.Path(self.log.name).read_text(errors="replace")

    def stop(self):
        if self.nginx_started:
            subprocess.run([str(NGINX_LOCAL), "stop", str(self.prefix)], timeout=30, capture_output=True)
            self.nginx_started = False
        stop_process(self.server)
        self.log.close()

    def logged_in(self):
        client = Client(self.url)
        client.login()
        return client


def session_cookie(client):
    """The `Cookie:` header value that carries the client's session."""
    for cookie in client.cookies:
        if cookie.name == "mr_session":
            return f"mr_session={cookie.value}"
    raise RuntimeError("no mr_session cookie after login")


def sink_profile(client, name, port, volume):
    """A profile for one big batch into a local SMTP server: no TLS, no interval, limits ≥ volume."""
    client.create_profile(name, **sink_form(port, volume))


def repoint_sink_profile(client, profile_id, name, port, volume):
    """Points a `sink_profile` at another port through the panel's form, with its password typed
    again, as an admin does: the product seals a password to its profile's host, port and login, so
    a port changed behind its back leaves a password the sender refuses to open."""
    form = {"name": name, "sender_name": "Магазин", "sender_email": "", "login": "shop@example.com",
            "password": "app-secret-1", "allow_plain_auth": "1", "allow_private_host": "1"}
    form.update(sink_form(port, volume))
    # No priority share stops priority letters: the form asks for a «yes» to exactly these limits.
    form["limits_confirmed"] = f"{form['priority_per_day']}/{form['max_per_day']}"
    client.get(f"/profiles/{profile_id}/edit")
    response = client.post(f"/profiles/{profile_id}", form)
    if response.status != 303:
        raise RuntimeError(f"the profile form refused the new port: {response.status} {response.text[:400]}")


def sink_form(port, volume):
    return {"host": "127.0.0.1", "port": str(port), "security": "none", "max_per_day": str(volume),
            "batch_size": str(volume), "interval_minutes": "0", "priority_per_day": "0"}


def install_shipped_events(data):
    """Adds the events of templates/mail that the database lacks, as the product's installer does
    at init/serve once it is merged (a no-op then); never changes an existing event."""
    now = int(time.time())
    rows = []
    for folder in sorted(MAIL_TEMPLATES.iterdir()):
        if not (folder / "event.json").is_file():
            continue
        meta = json.loads((folder / "event.json").read_text())
        rows.append((folder.name, meta["name"]["ru"], meta["name"].get("en", ""), int(bool(meta.get("priority"))),
                     (folder / "subject.mustache").read_text().strip(), (folder / "html.mustache").read_text(),
                     (folder / "text.mustache").read_text(), json.dumps(meta.get("sample", {}), ensure_ascii=False),
                     now, now))
    with sqlite3.connect(data.path / "mailrobot.sqlite", timeout=30) as db:
        db.executemany(
            """INSERT OR IGNORE INTO events (code, name, name_en, builtin, enabled, priority, subject, html, text,
               sample, created_at, updated_at) VALUES (?, ?, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?)""", rows)


def event_sample(code):
    return json.loads((MAIL_TEMPLATES / code / "event.json").read_text())["sample"]


LETTER_COLUMNS = ("profile_id", "profile_name", "event", "to_address", "to_name", "subject", "body_text", "body_html",
                  "message_id", "priority", "status", "attempts", "next_attempt_at", "last_reply", "created_at",
                  "updated_at", "sent_at")


def insert_letters(data, rows):
    """Inserts letters straight into SQLite: one transaction, executemany over `rows` (tuples in
    LETTER_COLUMNS order, a generator is fine). Returns the seconds it took."""
    started = time.perf_counter()
    db = sqlite3.connect(data.path / "mailrobot.sqlite", timeout=60)
    try:
        with db:
            db.executemany(f"INSERT INTO letters ({', '.join(LETTER_COLUMNS)}) VALUES "
                           f"({', '.join('?' * len(LETTER_COLUMNS))})", rows)
        # Into the database file, so the measured runs do not read a large write-ahead log.
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return time.perf_counter() - started


class SMTPSink:
    """Postfix's `smtp-sink -c` on 127.0.0.1 (as root it drops to user postfix): it accepts every
    letter and throws it away, counting sessions and messages. It announces no AUTH (-a): it would
    refuse every login, and none of the peers logs in."""

    def __init__(self, work):
        self.port = free_port()
        self.output = work / "sink.out"
        user = ["-u", "postfix"] if os.geteuid() == 0 else []
        with open(self.output, "wb") as output:
            self.process = subprocess.Popen([SMTP_SINK, "-c", "-a", *user, f"127.0.0.1:{self.port}", "64"],
                                            stdout=output, stderr=subprocess.STDOUT)
        wait_until(lambda: _accepts(self.port) or self.process.poll() is not None, what="smtp-sink")
        if self.process.poll() is not None:
            raise RuntimeError("smtp-sink did not start: " + self.output.read_text(errors="replace"))
        # The probe that found it listening was a session of its own: wait until it is counted.
        self.probes = wait_until(lambda: self._last()["sess"], what="smtp-sink counting the probe")

    def stop(self):
        stop_process(self.process)

    def counts(self):
        """Waits for the client's session to be counted, stops the sink and returns its counters
        without the probe's session: {'sess': …, 'quit': …, 'mesg': …}."""
        try:
            wait_until(lambda: self._last()["sess"] > self.probes, timeout=5, what="smtp-sink counting the session")
        except AssertionError:
            pass  # the figures below will show what it counted
        self.stop()
        counts = self._last()
        counts["sess"] -= self.probes
        return counts

    def _last(self):
        lines = re.findall(r"sess=(\d+) quit=(\d+) mesg=(\d+)", self.output.read_text(errors="replace"))
        sess, quit, mesg = (int(value) for value in lines[-1]) if lines else (0, 0, 0)
        return {"sess": sess, "quit": quit, "mesg": mesg}


def _accepts(port):
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class CaptureServer:
    """A minimal SMTP server (standard library) that keeps the bytes of each message: to send the
    same message with the other clients. `arrivals` holds (recipient, time.perf_counter() when the
    final dot was read) for each message, for latencies measured in this process."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.messages = []
        self.arrivals = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def stop(self):
        self.stopping.set()
        self.thread.join(timeout=10)
        self.listener.close()

    def _serve(self):
        while not self.stopping.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(30)
                try:
                    self._session(connection.makefile("rb"), connection)
                except (OSError, ValueError):
                    pass

    def _session(self, reader, connection):
        connection.sendall(b"220 capture ESMTP\r\n")
        recipient = ""
        for _ in range(10_000):
            line = reader.readline(4096)
            if not line:
                return
            verb = line[:4].upper()
            if verb == b"EHLO":
                connection.sendall(b"250-capture\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
            elif verb == b"DATA":
                connection.sendall(b"354 go ahead\r\n")
                self.messages.append(self._data(reader))
                self.arrivals.append((recipient, time.perf_counter()))
                connection.sendall(b"250 2.0.0 kept\r\n")
            elif verb == b"QUIT":
                connection.sendall(b"221 bye\r\n")
                return
            elif verb == b"RCPT":
                recipient = line[8:].strip().strip(b"<>").decode(errors="replace")
                connection.sendall(b"250 OK\r\n")
            elif verb in (b"HELO", b"MAIL", b"RSET", b"NOOP"):
                connection.sendall(b"250 OK\r\n")
            else:
                connection.sendall(b"502 not here\r\n")

    @staticmethod
    def _data(reader):
        lines = []
        for _ in range(1_000_000):
            line = reader.readline(1 << 20)
            if not line or line == b".\r\n":
                break
            lines.append(line[1:] if line.startswith(b".") else line)
        return b"".join(lines)


def commit_latency_ms(folder, count=50):
    """Median time of a 4 KiB write + fdatasync in `folder`: what one SQLite commit waits for at
    `synchronous = FULL`. This disk is shared, so it varies between runs; printed for context."""
    path = pathlib.Path(folder) / "fsync-probe"
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    timings = []
    try:
        for index in range(count):
            started = time.perf_counter()
            os.pwrite(descriptor, b"x" * 4096, index * 4096)
            os.fdatasync(descriptor)
            timings.append(time.perf_counter() - started)
    finally:
        os.close(descriptor)
        path.unlink()
    return sorted(timings)[count // 2] * 1000


def process_memory(pid):
    """VmRSS and VmHWM of a process, in KiB."""
    status = pathlib.Path(f"/proc/{pid}/status").read_text()
    return {key: int(re.search(rf"^{key}:\s+(\d+) kB", status, re.MULTILINE).group(1)) for key in ("VmRSS", "VmHWM")}


def reset_peak_memory(pid):
    """Resets VmHWM to the current RSS (`echo 5 > /proc/PID/clear_refs`); False if not allowed."""
    try:
        pathlib.Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False
