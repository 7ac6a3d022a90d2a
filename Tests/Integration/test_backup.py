"""Issue 9: mailrobot-admin backup while the sender drains 2,000 letters and the API takes more, and
restore of that file."""

import concurrent.futures
import json
import sqlite3
import subprocess
import threading
import time

import harness

ORDER = {"shop_name": "Ромашка", "customer_name": "Анна", "order_number": "1", "items": [], "total": "1 ₽",
         "delivery": "Почтой"}


def post(panel, token, to):
    return panel.client().request(
        "POST", "/api/v1/messages", json.dumps({"event": "order_placed", "to": to, "data": ORDER}).encode(),
        {"Content-Type": "application/json", "Authorization": "Bearer " + token})


def queued_through_the_api(panel, token, count):
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda n: post(panel, token, f"drain{n}@example.com"), range(count)))
    assert {answer.status for answer in answers} == {201}
    return [answer.json()["id"] for answer in answers]


class Load:
    """Letters posted through the API one after another until stopped: the id of each, and when its
    201 came back."""

    def __init__(self, panel, token):
        self.panel, self.token = panel, token
        self.committed = []
        self.stopped = threading.Event()
        self.failures = []
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        number = 0
        while not self.stopped.is_set() and number < 20_000:
            answer = post(self.panel, self.token, f"load{number}@example.com")
            if answer.status == 201:
                self.committed.append((time.monotonic(), answer.json()["id"]))
            else:
                self.failures.append((answer.status, answer.text))
            number += 1

    def stop(self):
        self.stopped.set()
        self.thread.join(timeout=60)

    def before(self, moment):
        return {letter_id for at, letter_id in list(self.committed) if at < moment}


def test_a_backup_during_a_drain_and_an_api_load_restores_every_letter_committed_before_it(panel, data, smtp,
                                                                                            tmp_path):
    server = smtp(delay_ms=2)
    client = panel.logged_in()
    client.create_profile("Магазин", port=str(server.port), security="none", max_per_day="100000",
                          interval_minutes="0", batch_size="10000", priority_per_day="0")
    token = data.admin("token", "add", "shop").stdout.strip()
    drained = queued_through_the_api(panel, token, 2_000)

    drain = subprocess.Popen([str(harness.BIN / "mailrobot-send"), "run", "--data", str(data.path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    load = Load(panel, token)
    backup = tmp_path / "backup.sqlite"
    try:
        harness.wait_until(lambda: len(server.messages()) >= 300 and len(load.committed) >= 20, timeout=120,
                           what="the drain and the load under way")
        began = time.monotonic()
        committed = set(drained) | load.before(began)
        assert drain.poll() is None, "the drain ended before the backup began: nothing was tested"
        written = data.admin("backup", str(backup))
        assert drain.poll() is None or len(server.messages()) < 2_000 + len(load.committed)
    finally:
        load.stop()
        out, err = drain.communicate(timeout=300)
    assert drain.returncode == 0, err
    assert not load.failures, load.failures[:3]
    assert len(load.before(began)) >= 20

    with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        held = {row[0] for row in copy.execute("SELECT id FROM letters")}
        statuses = dict(copy.execute("SELECT status, count(*) FROM letters GROUP BY status").fetchall())
    assert committed <= held, f"{len(committed - held)} committed letters are missing from the backup"
    print(f"backup: {len(held)} letters held ({len(committed)} committed before it began), statuses {statuses}; "
          f"the load committed {len(load.committed)} letters in all")
    assert f"backup written to {backup}: {len(held)} letters" in written.stdout
    # A snapshot in the middle of the drain: some letters sent, some still waiting.
    assert statuses.get("sent", 0) >= 300 and statuses.get("sent", 0) < len(held)

    # Restore: refused while the panel runs; then the database is the backup's, whole.
    refused = data.admin("restore", str(backup), check=False)
    assert refused.returncode != 0
    assert refused.stderr.strip() == (f"mailrobot-admin: the panel is running (it answers on {panel.socket}): "
                                      "stop it first (systemctl stop mailrobot-admin)")
    harness.stop_process(panel.server)
    restored = data.admin("restore", str(backup))
    assert f"restored {backup}: {len(held)} letters" in restored.stdout
    assert {row[0] for row in data.sql("SELECT id FROM letters")} == held
    assert data.sql("PRAGMA integrity_check") == [("ok",)]
    assert data.sql("SELECT count(*) FROM sessions") == [(0,)]


def test_restore_refuses_a_damaged_file_and_keeps_the_database(data, tmp_path):
    backup = tmp_path / "backup.sqlite"
    data.admin("backup", str(backup))
    data.admin("user", "add", "second", "--password-stdin", input="another long password\n")
    damaged = tmp_path / "damaged.sqlite"
    content = bytearray(backup.read_bytes())
    for offset in range(4096 + 100, len(content), 4096):
        content[offset:offset + 300] = b"\xa5" * 300
    damaged.write_bytes(bytes(content))
    refused = data.admin("restore", str(damaged), check=False)
    assert refused.returncode != 0
    assert refused.stderr.startswith(f"mailrobot-admin: {damaged} is damaged")
    assert refused.stderr.count("\n") == 1
    assert {row[0] for row in data.sql("SELECT name FROM admins")} == {harness.ADMIN_NAME, "second"}
