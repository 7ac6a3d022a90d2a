"""Issue 13: the README's curl and PHP examples, extracted from README.md and run as written
(bash + curl; Debian's php-cli + php-curl) against the running panel: success, repeat (same id),
refusal (the field named), and a panel that is down (an error, never silence)."""

import json
import re
import subprocess

import harness

README = (harness.ROOT / "README.md").read_text()


def blocks(language):
    return re.findall(r"```" + language + r"\n(.*?)```", README, re.S)


def curl_example():
    found = [block for block in blocks("sh") if "/api/v1/messages" in block and "curl" in block]
    assert len(found) == 1, "one curl example of the API in README.md"
    return found[0]


def php_examples(folder):
    """The client (saved as mailrobot.php, as the README says) and the caller, as written."""
    client = [block for block in blocks("php") if "function mailrobot_send(" in block]
    caller = [block for block in blocks("php") if "require __DIR__ . '/mailrobot.php'" in block]
    assert len(client) == 1 and len(caller) == 1
    (folder / "mailrobot.php").write_text(client[0])
    (folder / "send.php").write_text(caller[0])
    return folder / "send.php"


def run(command, env, cwd, timeout=60):
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env={"PATH": "/usr/bin:/bin", **env})


def test_curl_example_as_written(panel, data, tmp_path):
    panel.logged_in().create_profile("Магазин")
    token = data.admin("token", "add", "shop").stdout.strip()
    script = curl_example()
    env = {"MAILROBOT_URL": panel.url, "MAILROBOT_TOKEN": token}
    first = run(["bash", "-c", script], env, tmp_path)
    assert first.returncode == 0, first.stderr
    letter = json.loads(first.stdout)
    assert letter["status"] == "queued"
    again = run(["bash", "-c", script], env, tmp_path)
    assert again.returncode == 0 and json.loads(again.stdout)["id"] == letter["id"]
    refused = run(["bash", "-c", script], {**env, "MAILROBOT_TOKEN": "wrong"}, tmp_path)
    assert refused.returncode == 22 and json.loads(refused.stdout)["error"]["code"] == "unauthorized"
    down = run(["bash", "-c", script], {**env, "MAILROBOT_URL": f"http://127.0.0.1:{harness.free_port()}"}, tmp_path)
    assert down.returncode == 7, down
    assert data.sql("SELECT count(*) FROM letters") == [(1,)]


def test_php_example_as_written(panel, data, tmp_path):
    panel.logged_in().create_profile("Магазин")
    token = data.admin("token", "add", "shop").stdout.strip()
    send = php_examples(tmp_path)
    env = {"MAILROBOT_URL": panel.url, "MAILROBOT_TOKEN": token}

    first = run(["php", str(send)], env, tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    number = re.fullmatch(r"queued as letter (\d+)\n", first.stdout)
    assert number, first.stdout
    again = run(["php", str(send)], env, tmp_path)
    assert again.stdout == first.stdout, "the same key: the same letter"
    assert data.sql("SELECT count(*) FROM letters") == [(1,)]

    # A refusal throws at once (no retry), naming the field; `to` before `data` when both are wrong,
    # and PHP's empty array is an empty object.
    refusal = """<?php
require __DIR__ . '/mailrobot.php';
foreach ([['not an address', [1, 2]], ['anna@example.com', ['order_number' => '1']]] as [$to, $data]) {
    try {
        mailrobot_send_with_retry('order_placed', $to, $data, 'refused-' . md5($to));
        echo "queued\\n";
    } catch (MailrobotError $e) {
        echo $e->status, ' ', $e->field, ' ', $e->isTemporary() ? 'temporary' : 'final', "\\n";
    }
}
"""
    (tmp_path / "refusal.php").write_text(refusal)
    refused = run(["php", str(tmp_path / "refusal.php")], env, tmp_path)
    lines = refused.stdout.splitlines()
    assert lines[0] == "422 to final", refused.stdout + refused.stderr
    assert re.fullmatch(r"422 data\.\w+ final", lines[1]), refused.stdout + refused.stderr

    data.sql("INSERT INTO events (code, name, subject, html, text, sample, created_at, updated_at) "
             "VALUES ('ping', 'Ping', 'Ping', '<p>Ping</p>', 'Ping', '{}', 0, 0)")
    empty = """<?php
require __DIR__ . '/mailrobot.php';
echo json_encode(mailrobot_send('ping', 'anna@example.com', [], 'ping-1')), "\\n";
"""
    (tmp_path / "empty.php").write_text(empty)
    accepted = run(["php", str(tmp_path / "empty.php")], env, tmp_path)
    assert accepted.returncode == 0 and json.loads(accepted.stdout)["status"] == "queued", accepted.stdout + accepted.stderr

    # The panel down: the caller as written ends with an uncaught MailrobotError after its retries.
    down = run(["php", str(send)], {**env, "MAILROBOT_URL": f"http://127.0.0.1:{harness.free_port()}"}, tmp_path)
    assert down.returncode != 0
    assert "MailrobotError" in down.stdout + down.stderr and "mailrobot not reached" in down.stdout + down.stderr
    assert "queued as letter" not in down.stdout
