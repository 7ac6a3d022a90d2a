"""Issue 9: mailrobot-admin doctor on real parts (the panel behind nginx, a cron file, the sender), and
the line it gives for each broken item. As root, as CI runs: cron wants its files owned by root."""

import os

import pytest

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the cron file must belong to root: run as root, as CI does")


@pytest.fixture
def cron_file(data, tmp_path):
    folder = tmp_path / "cron.d"
    folder.mkdir()
    path = folder / "mailrobot"
    path.write_text("SHELL=/bin/sh\n"
                    f"* * * * * root umask 077 && mailrobot-send run --data {data.path}\n")
    path.chmod(0o644)
    return path


def doctor(data, panel, cron_file):
    return data.admin("doctor", "--socket", str(panel.socket), "--cron-file", str(cron_file),
                      "--nginx-conf", str(panel.prefix / "nginx.conf"), check=False)


def failures(result):
    return [line for line in result.stdout.splitlines() if line.startswith("FAIL")]


def cure_of(result, check):
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"FAIL  {check}:"))
    return lines[at + 1].strip()


def test_a_sound_deployment_passes_every_check(panel, data, cron_file):
    data.send("run")
    result = doctor(data, panel, cron_file)
    assert result.returncode == 0, result.stdout
    assert failures(result) == []
    assert result.stdout.strip().splitlines()[-1] == "all 12 checks passed"


def test_each_broken_item_is_named_with_its_cure(panel, data, cron_file):
    data.send("run")
    key = data.path / "secret.key"

    key.chmod(0o644)
    result = doctor(data, panel, cron_file)
    assert result.returncode == 1
    assert failures(result) == [f"FAIL  secret key: key file {key} has mode 0644; it must be 0600 (chmod 600 {key})"]
    assert cure_of(result, "secret key") == f"cure: chmod 0600 {key}"
    key.chmod(0o600)

    data.path.chmod(0o755)
    result = doctor(data, panel, cron_file)
    assert [line.split(":")[0] for line in failures(result)] == ["FAIL  data folder"]
    assert cure_of(result, "data folder") == f"cure: chmod 0750 {data.path}"
    data.path.chmod(0o750)

    cron_file.chmod(0o666)
    result = doctor(data, panel, cron_file)
    assert [line.split(":")[0] for line in failures(result)] == ["FAIL  cron file"]
    assert cure_of(result, "cron file") == f"cure: chown root:root {cron_file} && chmod 0644 {cron_file}"
    cron_file.unlink()
    result = doctor(data, panel, cron_file)
    assert failures(result) == [f"FAIL  cron file: {cron_file} is missing: nothing sends the queue"]
    assert cure_of(result, "cron file") == "cure: apt-get install --reinstall -o Dpkg::Options::=--force-confmiss mailrobot"

    data.sql("UPDATE heartbeats SET at = at - 600")
    result = doctor(data, panel, cron_file)
    assert any(line.startswith("FAIL  sender: the last pass of mailrobot-send run ended 10 min ago")
               for line in failures(result))
    data.sql("UPDATE heartbeats SET at = at + 7200")
    result = doctor(data, panel, cron_file)
    assert any(line.startswith("FAIL  clock: the clock says") and "it was set back" in line for line in failures(result))


def test_a_stopped_panel_is_named(panel, data, cron_file):
    data.send("run")
    import harness
    harness.stop_process(panel.server)
    result = doctor(data, panel, cron_file)
    assert result.returncode == 1
    assert f"FAIL  panel: no socket at {panel.socket}: the panel is not running" in failures(result)
    assert cure_of(result, "panel").startswith("cure: systemctl start mailrobot-admin")
    # The only other failure follows from it.
    assert [line.split(":")[0] for line in failures(result)] == ["FAIL  panel", "FAIL  socket access"]
