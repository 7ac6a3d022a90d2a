#!/usr/bin/python3
"""Where a page's time goes: starts the panel (release build) with 50 profiles, or with the
journal's letters, or with «Обзор»'s five profiles and their sent letters, loads one address with wrk through nginx and records the FastCGI server with
`perf record -g` meanwhile; prints wrk's figures and the top frames of `perf report --no-children`.

usage: /usr/bin/python3 Benchmarks/profile.py [--path /profiles] [--letters N | --sent N] [--seconds 10] [--top 25]

MAILROBOT_BIN points it at another build (as for run.py). Needs perf (linux-perf) and root or
kernel.perf_event_paranoid ≤ 1 for another process.
"""

import argparse
import shutil
import subprocess
import sys
import time

import parts
from sections import journal, overview, panel
from tools import say, wrk


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", default="/profiles", help="the address to load (default /profiles)")
    parser.add_argument("--letters", type=int, default=0, help="letters to put in the outbox first")
    parser.add_argument("--sent", type=int, default=0,
                        help="letters sent and failed over 30 days through five profiles (the overview section's)")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--top", type=int, default=25, help="frames of the report to print")
    parser.add_argument("--keep", help="copy the recording (perf.data) to this path, for perf report")
    arguments = parser.parse_args()
    with parts.Workspace("profile") as work:
        data = work.data()
        server = work.panel(data)
        client = server.logged_in()
        if arguments.sent:
            overview.add_profiles(client)
        else:
            panel.add_profiles(client)
        if arguments.letters:
            journal.add_letters(data, arguments.letters)
        if arguments.sent:
            profiles = data.sql("SELECT id, name FROM profiles ORDER BY id")
            overview.fill_journal(data, profiles, arguments.sent, int(time.time()))
        cookie = parts.session_cookie(client)
        page = client.get(arguments.path)
        if page.status != 200:
            sys.exit(f"{arguments.path} answered {page.status}")
        say(f"{arguments.path}: {len(page.body):,} bytes; perf record -g -p {server.pid} for {arguments.seconds} s")
        wrk(server.url + arguments.path, 1, headers=[f"Cookie: {cookie}"])
        recording = work.path / "perf.data"
        perf = subprocess.Popen(["perf", "record", "-g", "-o", str(recording), "-p", str(server.pid), "--", "sleep",
                                 str(arguments.seconds + 1)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        work.callback(parts.stop_process, perf)
        result = wrk(server.url + arguments.path, arguments.seconds, headers=[f"Cookie: {cookie}"])
        perf.wait(timeout=arguments.seconds + 30)
        if arguments.keep:
            shutil.copyfile(recording, arguments.keep)
        say(f"wrk -t2 -c16: {result.text()}")
        report = subprocess.run(["perf", "report", "-i", str(recording), "--no-children", "--stdio", "-g", "none",
                                 "--percent-limit", "0.5", "--sort", "symbol"],
                                capture_output=True, text=True, timeout=300)
        lines = [line for line in report.stdout.splitlines() if line.strip() and not line.startswith("#")]
        for line in lines[:arguments.top]:
            say(line[:160])


if __name__ == "__main__":
    main()
