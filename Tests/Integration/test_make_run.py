"""Issue 15: `make run` as a new user meets it — a quiet build (one line, the log in a file, shown
on failure) and then the URL, the login, the commands' path and the logs as the last lines.

The build is scripts/build-quiet.sh around a stand-in `swift` on PATH (a real build takes minutes
and is what `make build` tests); the panel is scripts/run-panel.sh itself, in a copy of the
project's scripts, templates and public folder beside the built binaries, so the test's ./data and
./run are its own."""

import os
import pathlib
import shutil
import signal
import subprocess
import time
import urllib.request

import harness

PROGRESS_LINES = 780


def stand_in_swift(folder, fails):
    """A `swift` that prints a build's progress lines (and an error when `fails`) like SwiftPM."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "swift"
    error = 'echo "Sources/Web/Page.swift:3:1: error: cannot find type Pgae"; exit 1' if fails else "exit 0"
    script.write_text("#!/bin/bash\n"
                      f'for i in $(seq {PROGRESS_LINES}); do echo "[$i/{PROGRESS_LINES}] Compiling Web File$i.swift"; done\n'
                      f"{error}\n")
    script.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}"}


def test_the_build_prints_one_line_and_keeps_its_output_in_the_log(tmp_path):
    log = tmp_path / "run" / "build.log"
    result = subprocess.run([str(harness.ROOT / "scripts" / "build-quiet.sh"), str(log)], capture_output=True,
                            text=True, timeout=60, env=stand_in_swift(tmp_path / "bin", fails=False))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "building mailrobot…"
    assert lines[1].startswith("built in ") and str(log) in lines[1]
    assert len(lines) == 2 and result.stderr == "", result.stdout + result.stderr
    assert len(log.read_text().splitlines()) == PROGRESS_LINES


def test_a_failed_build_shows_its_error_and_where_the_log_is(tmp_path):
    log = tmp_path / "run" / "build.log"
    result = subprocess.run([str(harness.ROOT / "scripts" / "build-quiet.sh"), str(log)], capture_output=True,
                            text=True, timeout=60, env=stand_in_swift(tmp_path / "bin", fails=True))
    assert result.returncode == 1
    assert "error: cannot find type Pgae" in result.stderr
    assert "Compiling" not in result.stderr, "the progress lines stay in the log"
    assert result.stderr.splitlines()[-1] == f"the build failed (exit 1); the whole log is in {log}"


def test_run_ends_with_the_url_the_login_the_commands_and_the_logs(tmp_path):
    root = tmp_path / "project"
    for folder in ("scripts", "templates", "public"):
        shutil.copytree(harness.ROOT / folder, root / folder)
    shutil.copy2(harness.ROOT / "nginx.conf", root / "nginx.conf")
    (root / ".build").mkdir()
    (root / ".build" / "debug").symlink_to(harness.BIN)
    port = harness.free_port()
    output = tmp_path / "run-panel.out"
    with open(output, "w") as sink:
        process = subprocess.Popen([str(root / "scripts" / "run-panel.sh"), str(port)], cwd=root, stdout=sink,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        harness.wait_until(lambda: "logs:" in output.read_text() or process.poll() is not None, timeout=60,
                           what="run-panel.sh's last line")
        lines = output.read_text().splitlines()
        assert process.poll() is None, lines
        assert len(lines) == 4, lines
        assert lines[0] == f"mailrobot runs at http://127.0.0.1:{port}/"
        assert lines[1].startswith("login: admin   password: ")
        password = lines[1].split("password: ", 1)[1]
        assert password and password == (root / "data" / "admin-password").read_text().strip()
        assert lines[2].startswith(f"commands: {root}/.build/debug/mailrobot-send status --data {root / 'data'}")
        assert lines[3].startswith(f"logs: {root}/run/admin.log")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=10) as page:
            assert page.status == 200 and "mailrobot" in page.read().decode()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        time.sleep(0.2)
    assert output.read_text().splitlines()[-1] == "mailrobot stopped"
