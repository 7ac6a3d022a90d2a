"""Issue 9 and 10: the binaries as installed (found by PATH, templates beside them) and serve's refusal of
an address others can reach."""

import os
import pathlib
import shutil
import socket
import subprocess

import harness


def test_the_binaries_find_their_templates_when_started_by_name_from_the_path(tmp_path):
    prefix = tmp_path / "usr"
    (prefix / "bin").mkdir(parents=True)
    for binary in ("mailrobot-admin", "mailrobot-send"):
        try:
            os.link(harness.BIN / binary, prefix / "bin" / binary)
        except OSError:
            shutil.copy2(harness.BIN / binary, prefix / "bin" / binary)
    shutil.copytree(harness.ROOT / "templates", prefix / "share" / "mailrobot" / "templates")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    environment = {key: value for key, value in os.environ.items() if key != "MAILROBOT_TEMPLATES"}
    environment["PATH"] = f"{prefix / 'bin'}:/usr/bin:/bin"
    result = subprocess.run(["mailrobot-admin", "init", "--data", str(tmp_path / "data")], cwd=elsewhere,
                            capture_output=True, text=True, timeout=60, env=environment)
    assert result.returncode == 0, result.stderr


def loopback_name():
    """A host name other than localhost that this machine resolves to a loopback address."""
    for name in (socket.gethostname(), "ip6-localhost"):
        try:
            if socket.gethostbyname(name).startswith("127."):
                return name
        except OSError:
            pass
    return None


def test_serve_refuses_an_address_others_can_reach_unless_allowed(data, tmp_path):
    port = harness.free_port()
    refused = data.admin("serve", "--socket", f"0.0.0.0:{port}", check=False)
    assert refused.returncode != 0
    assert refused.stderr.count("\n") == 1
    assert refused.stderr.startswith(f"mailrobot-admin: --socket 0.0.0.0:{port} listens beyond this machine")
    assert "--allow-remote" in refused.stderr

    # Allowed: it warns and serves. (A name that resolves to loopback counts as "others may reach it",
    # since what a name resolves to can change; this keeps the test on this machine.)
    name = loopback_name() or "0.0.0.0"
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen([str(harness.BIN / "mailrobot-admin"), "serve", "--socket", f"{name}:{port}",
                               "--allow-remote", "--data", str(data.path), "--templates", str(harness.ROOT / "templates")],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        def answers():
            with socket.socket() as probe:
                return probe.connect_ex(("127.0.0.1", port)) == 0
        harness.wait_until(lambda: answers() or server.poll() is not None, what="the TCP listener")
        assert server.poll() is None
        warning = pathlib.Path(log.name).read_text()
        assert f"mailrobot-admin: warning: --socket {name}:{port} listens beyond this machine" in warning
    finally:
        harness.stop_process(server)
        log.close()

    # Loopback needs no flag and gets no warning.
    quiet = subprocess.Popen([str(harness.BIN / "mailrobot-admin"), "serve", "--socket", f"127.0.0.1:{port}",
                              "--data", str(data.path), "--templates", str(harness.ROOT / "templates")],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        harness.wait_until(lambda: answers() or quiet.poll() is not None, what="the loopback listener")
        assert quiet.poll() is None
    finally:
        harness.stop_process(quiet)
    assert "warning" not in quiet.stdout.read()
