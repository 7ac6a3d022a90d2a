"""The measuring tools (wrk, hyperfine) and the figures a section reports."""

import dataclasses
import json
import pathlib
import re
import shlex
import subprocess

WRK = "/usr/bin/wrk"
HYPERFINE = "/usr/bin/hyperfine"


@dataclasses.dataclass
class Figure:
    """One measured comparison: a value against a baseline of the same run, and a goal."""

    section: str
    name: str
    value: str
    baseline: str
    ratio: float | None
    goal: str
    verdict: str  # PASS, MISS or SKIPPED

    def line(self):
        ratio = "—" if self.ratio is None else f"{self.ratio:.2f}"
        return f"  => {self.name}: ratio {ratio} (goal {self.goal}): {self.verdict}"


def verdict(passed):
    return "PASS" if passed else "MISS"


def say(text=""):
    print(text, flush=True)


# MARK: - wrk


@dataclasses.dataclass
class WrkResult:
    requests: int
    seconds: float
    rate: float  # requests/s as wrk prints it
    p50_ms: float
    p99_ms: float
    non_2xx: int  # "Non-2xx or 3xx responses"
    socket_errors: int  # connect + read + write + timeout

    def text(self):
        errors = f", {self.non_2xx} non-2xx" if self.non_2xx else ""
        errors += f", {self.socket_errors} socket errors" if self.socket_errors else ""
        return f"{self.rate:,.0f} req/s, p50 {self.p50_ms:.2f} ms, p99 {self.p99_ms:.2f} ms{errors}"


def wrk(url, seconds, headers=(), script=None, threads=2, connections=16):
    """Runs `wrk -tT -cC -dDs --latency` and parses its report."""
    command = [WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    command.append(url)
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)
    return parse_wrk(result.stdout)


def parse_wrk(report):
    def number(pattern, default=None):
        found = re.search(pattern, report, re.MULTILINE)
        if not found:
            if default is None:
                raise ValueError(f"wrk report without /{pattern}/:\n{report}")
            return default
        return found

    totals = number(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)\b")
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    return WrkResult(
        requests=int(totals.group(1)),
        seconds=_seconds(float(totals.group(2)), totals.group(3)),
        rate=float(number(r"^Requests/sec:\s+([\d.]+)").group(1)),
        p50_ms=_latency_ms(number(r"^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$")),
        p99_ms=_latency_ms(number(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$")),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(value) for value in sockets.groups()) if sockets else 0,
    )


def _seconds(value, unit):
    return value * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def _latency_ms(found):
    return _seconds(float(found.group(1)), found.group(2)) * 1000


def lua_string(text):
    """A Lua long-bracket literal holding `text` as is (no escapes are read inside one)."""
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"


# MARK: - hyperfine


@dataclasses.dataclass
class HyperfineResult:
    mean_ms: float
    stddev_ms: float
    median_ms: float
    min_ms: float
    max_ms: float
    runs: int

    def text(self):
        return (f"mean {self.mean_ms:.2f} ms ± {self.stddev_ms:.2f}, median {self.median_ms:.2f}, "
                f"min {self.min_ms:.2f}, max {self.max_ms:.2f} ({self.runs} runs)")


def hyperfine(command, export, warmup, runs, timeout=600):
    """Times `command` (a list, run without a shell) with hyperfine; keeps its JSON in `export`."""
    # -N: no shell in between; hyperfine splits the line itself, honouring quotes.
    line = " ".join(shlex.quote(str(part)) for part in command)
    subprocess.run([HYPERFINE, "-N", "--warmup", str(warmup), "--runs", str(runs), "--export-json", str(export),
                    "--style", "none", line], capture_output=True, text=True, timeout=timeout, check=True)
    measured = json.loads(pathlib.Path(export).read_text())["results"][0]
    return HyperfineResult(mean_ms=measured["mean"] * 1000, stddev_ms=(measured["stddev"] or 0) * 1000,
                           median_ms=measured["median"] * 1000, min_ms=measured["min"] * 1000,
                           max_ms=measured["max"] * 1000, runs=len(measured["times"]))

