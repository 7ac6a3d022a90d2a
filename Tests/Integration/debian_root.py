"""A throw-away Debian 12 root for the package test: a copy of the cached debootstrap root
(scripts/debian-root.sh), /proc mounted, apt's downloads kept between runs, and every process started
inside it stopped by PID when it is closed.

A chroot shares the host's network: nothing started here may listen on a fixed port. The cached root's
policy-rc.d stops packages from starting services; the tests start what they need on free ports.
"""

import os
import pathlib
import shlex
import shutil
import signal
import subprocess

import harness

ENVIRONMENT = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", "HOME": "/root",
               "DEBIAN_FRONTEND": "noninteractive"}


class DebianRoot:
    def __init__(self, base, folder, archives):
        self.path = pathlib.Path(folder) / "root"
        self.mounts = []
        self.processes = []
        subprocess.run(["cp", "-a", "--reflink=auto", str(base), str(self.path)], check=True, timeout=600)
        try:
            self._mount(["-t", "proc", "proc"], self.path / "proc")
            (pathlib.Path(archives) / "partial").mkdir(parents=True, exist_ok=True)
            self._mount(["--bind", str(archives)], self.path / "var/cache/apt/archives")
            shutil.copy("/etc/resolv.conf", self.path / "etc/resolv.conf")
        except BaseException:
            self.close()
            raise

    def _mount(self, arguments, target):
        subprocess.run(["mount", *arguments, str(target)], check=True, timeout=30)
        self.mounts.append(target)

    def file(self, path):
        """A path inside the root, seen from the host."""
        return self.path / str(path).lstrip("/")

    def run(self, *command, user=None, input=None, check=True, timeout=600):
        """Runs a command inside the root (as `user`, with the groups the user is in, when given)."""
        result = subprocess.run(self._command(command, user), input=input, capture_output=True, text=True,
                                timeout=timeout, env=ENVIRONMENT)
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
        return result

    def shell(self, script, user=None, check=True, timeout=600):
        return self.run("/bin/sh", "-c", script, user=user, check=check, timeout=timeout)

    def spawn(self, command, user=None, log=None):
        """Starts a long-running command inside the root; `close` stops it by PID."""
        process = subprocess.Popen(self._command(command, user), stdout=log, stderr=subprocess.STDOUT,
                                   env=ENVIRONMENT)
        self.processes.append(process)
        return process

    def _command(self, command, user):
        if user is None:
            return ["chroot", str(self.path), *command]
        return ["chroot", f"--userspec={user}", str(self.path), *command]

    def stop(self, process):
        harness.stop_process(process)
        if process in self.processes:
            self.processes.remove(process)

    def strays(self):
        """PIDs of processes whose root is this root (started by a test or by a package's script)."""
        found = []
        for entry in pathlib.Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if os.readlink(entry / "root") == str(self.path):
                        found.append(int(entry.name))
                except OSError:
                    pass
        return found

    def close(self):
        for process in list(self.processes):
            harness.stop_process(process)
        self.processes.clear()
        for pid in self.strays():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        harness.wait_until(lambda: not self.strays(), timeout=10, what="the root's processes to end")
        for target in reversed(self.mounts):
            if subprocess.run(["umount", str(target)], timeout=30).returncode != 0:
                subprocess.run(["umount", "-l", str(target)], timeout=30)
        self.mounts.clear()
        mounted = pathlib.Path("/proc/mounts").read_text()
        if f" {self.path}" in mounted:
            raise AssertionError(f"something is still mounted under {self.path}; not removing it")
        subprocess.run(["rm", "-rf", "--one-file-system", str(self.path)], check=True, timeout=600)


class Unit:
    """The [Service] of a systemd unit file, as systemd would start it (systemd is not PID 1 here)."""

    def __init__(self, text):
        self.values = {}
        for line in text.splitlines():
            if "=" in line and not line.lstrip().startswith(("#", ";")):
                key, value = line.split("=", 1)
                self.values.setdefault(key.strip(), value.strip())

    def start(self, root, log):
        """ExecStart as User=/Group=, with UMask= and WorkingDirectory=, and the environment cleared."""
        user, group = self.values["User"], self.values.get("Group", self.values["User"])
        script = (f"umask {self.values.get('UMask', '0022')} && cd {shlex.quote(self.values.get('WorkingDirectory', '/'))}"
                  f" && exec {self.values['ExecStart']}")
        return root.spawn(["/usr/bin/env", "-i", "PATH=/usr/bin:/bin", "LANG=C.UTF-8", "/bin/sh", "-c", script],
                          user=f"{user}:{group}", log=log)


class CronJob:
    """The job line of a /etc/cron.d file, run as cron runs it: as its user, in the user's home,
    with the file's variables and `/bin/sh -c`."""

    def __init__(self, text):
        self.variables = {}
        self.job = None
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, _, value = line.partition("=")
            if _ and " " not in name:
                self.variables[name] = value
                continue
            fields = line.split(None, 6)
            assert len(fields) == 7, f"not a job line: {line}"
            self.schedule, self.user, self.command = " ".join(fields[:5]), fields[5], fields[6]
            self.job = line
        assert self.job, "no job line in the cron file"

    def run(self, root, timeout=300):
        home = root.shell(f"getent passwd {self.user} | cut -d: -f6").stdout.strip()
        environment = [f"{name}={value}" for name, value in self.variables.items() if name != "MAILTO"]
        script = f"cd {shlex.quote(home)} && exec {self.variables.get('SHELL', '/bin/sh')} -c {shlex.quote(self.command)}"
        return root.run("/usr/bin/env", "-i", f"HOME={home}", f"LOGNAME={self.user}", *environment,
                        "/bin/sh", "-c", script, user=f"{self.user}:{self.user}", check=False, timeout=timeout)


def wait_for_port(port, timeout=30):
    import socket

    def answers():
        with socket.socket() as probe:
            probe.settimeout(1)
            return probe.connect_ex(("127.0.0.1", port)) == 0

    harness.wait_until(answers, timeout=timeout, what=f"127.0.0.1:{port}")
