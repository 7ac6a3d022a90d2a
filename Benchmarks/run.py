#!/usr/bin/python3
"""mailrobot's benchmarks (`make bench`): each section starts its own real parts on 127.0.0.1,
measures the release binaries against a baseline in the same run, prints the figures, the ratio,
the goal and PASS/MISS, and stops all it started. A summary table ends the run.

usage: /usr/bin/python3 Benchmarks/run.py [--only NAME[,NAME…]] [--quick]

The exit code is 0 when every section ran (whatever its verdict), 1 when one failed to run.
See Benchmarks/README.md.
"""

import argparse
import dataclasses
import importlib
import os
import signal
import sys
import time
import traceback

import parts
from tools import say

# Each section is the module sections/NAME.py, with its time budget in seconds.
SECTIONS = {"panel": 150, "journal": 900, "smtp": 240, "latency": 150, "sender": 420, "api": 150, "export": 300,
            "overview": 420}


@dataclasses.dataclass
class Settings:
    quick: bool
    wrk_seconds: int
    smtp_letters: int
    latency_letters: int
    export_rows: int
    export_repeats: int
    queue_sizes: tuple
    dry_run_runs: int


def settings(quick):
    if quick:
        return Settings(quick=True, wrk_seconds=3, smtp_letters=500, latency_letters=50, export_rows=100_000,
                        export_repeats=1, queue_sizes=(1_000, 1_000_000), dry_run_runs=5)
    return Settings(quick=False, wrk_seconds=10, smtp_letters=2_000, latency_letters=200, export_rows=100_000,
                    export_repeats=3, queue_sizes=(1_000, 1_000_000), dry_run_runs=10)


class SectionTimeout(Exception):
    pass


def on_alarm(signum, frame):
    raise SectionTimeout()


def main():
    parser = argparse.ArgumentParser(description="mailrobot benchmarks (release build)")
    parser.add_argument("--only", help="comma-separated sections: " + ", ".join(SECTIONS))
    parser.add_argument("--quick", action="store_true", help="shorter runs, for a quick look")
    arguments = parser.parse_args()
    chosen = arguments.only.split(",") if arguments.only else list(SECTIONS)
    unknown = [name for name in chosen if name not in SECTIONS]
    if unknown:
        parser.error(f"unknown section {', '.join(unknown)}; known: {', '.join(SECTIONS)}")
    missing = [name for name in ("mailrobot-admin", "mailrobot-send") if not (parts.BIN / name).is_file()]
    if missing:
        sys.exit(f"no release build in {parts.BIN} ({', '.join(missing)}): run `make build-release` first")

    os.chdir(parts.ROOT)
    signal.signal(signal.SIGALRM, on_alarm)
    chosen_settings = settings(arguments.quick)
    say(f"mailrobot benchmarks: {parts.BIN}, {os.cpu_count()} cores{', quick' if arguments.quick else ''}")
    figures, failed = [], []
    started = time.monotonic()
    for name in chosen:
        budget = SECTIONS[name]
        say(f"\n== {name} (at most {budget} s)")
        section_started = time.monotonic()
        signal.alarm(budget)
        try:
            figures += importlib.import_module(f"sections.{name}").run(chosen_settings)
        except SectionTimeout:
            failed.append(name)
            say(f"  ERROR: {name} ran past its {budget} s budget; everything it started was stopped")
        except Exception:
            failed.append(name)
            say(f"  ERROR: {name} failed:\n" + traceback.format_exc())
        finally:
            signal.alarm(0)
        say(f"  ({time.monotonic() - section_started:.0f} s)")
    summary(figures, failed, time.monotonic() - started)
    return 1 if failed else 0


def summary(figures, failed, seconds):
    rows = [("section", "measure", "mailrobot", "baseline", "ratio", "goal", "verdict")]
    for figure in figures:
        ratio = "—" if figure.ratio is None else f"{figure.ratio:.2f}"
        rows.append((figure.section, figure.name, figure.value, figure.baseline, ratio, figure.goal, figure.verdict))
    rows += [(name, "—", "—", "—", "—", "—", "ERROR") for name in failed]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    say(f"\n== summary ({seconds:.0f} s)")
    for index, row in enumerate(rows):
        say("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if index == 0:
            say("  " + "  ".join("-" * width for width in widths))


if __name__ == "__main__":
    sys.exit(main())
