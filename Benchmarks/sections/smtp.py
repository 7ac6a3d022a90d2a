"""smtp: letters/s of N letters over ONE connection into Postfix's smtp-sink, sent by one
`mailrobot-send run`, by `smtp-source -d` and by a Python smtplib loop, with the same message, and
the CPU time each spent per letter (user + system, from getrusage).
Goals: mailrobot/smtp-source ≥ 0.8, mailrobot/smtplib ≥ 5."""

import json
import resource
import smtplib
import subprocess
import time

import parts
from tools import Figure, say, verdict

SMTP_SOURCE = "/usr/sbin/smtp-source"
SENDER = "shop@example.com"
RECIPIENT = "anna@example.com"
GOAL_SOURCE = 0.8
GOAL_SMTPLIB = 5.0


def run(settings):
    count = settings.smtp_letters
    with parts.Workspace("smtp") as work:
        data = work.data()
        capture = work.capture()
        panel = work.panel(data)
        parts.sink_profile(panel.logged_in(), "Синк", capture.port, count + 1)
        panel.stop()
        parts.install_shipped_events(data)

        # One real letter of event order_placed, sent once to learn its exact bytes.
        data.send("enqueue", "--event", "order_placed", "--to", RECIPIENT, "--to-name", "Анна Петрова",
                  "--vars", json.dumps(parts.event_sample("order_placed"), ensure_ascii=False))
        data.send("run")
        if len(capture.messages) != 1:
            raise RuntimeError(f"the capture server got {len(capture.messages)} letters, expected 1")
        message = capture.messages[0]
        capture.stop()
        say(f"  message: order_placed, {len(message):,} bytes (multipart text + HTML); N = {count:,}; "
            f"disk: write + fdatasync {parts.commit_latency_ms(work.path):.2f} ms (median)")

        mailrobot = mailrobot_run(work, data, count, "Синк")
        source = smtp_source(work, message, count)
        python = smtplib_loop(work, message, count)
        for name, (seconds, rate, cpu) in (("mailrobot-send run", mailrobot), ("smtp-source -d", source),
                                           ("smtplib loop", python)):
            say(f"  {name}: {count:,} letters in {seconds:.3f} s = {rate:,.0f} letters/s, "
                f"CPU {cpu * 1000 / count:.3f} ms a letter")

        def text(result):
            return f"{result[1]:,.0f} letters/s, {result[2] * 1000 / count:.2f} ms CPU/letter"

        figures = [
            Figure("smtp", "letters/s ÷ smtp-source", text(mailrobot), text(source),
                   mailrobot[1] / source[1], f"≥ {GOAL_SOURCE}", verdict(mailrobot[1] / source[1] >= GOAL_SOURCE)),
            Figure("smtp", "letters/s ÷ Python smtplib", text(mailrobot), text(python),
                   mailrobot[1] / python[1], f"≥ {GOAL_SMTPLIB:g}", verdict(mailrobot[1] / python[1] >= GOAL_SMTPLIB)),
        ]
        for figure in figures:
            say(figure.line())
        return figures


def mailrobot_run(work, data, count, name):
    """Queues `count` copies of the letter already sent (straight into SQLite, each with its own
    Message-ID of the same length), points the profile at a fresh sink through the panel's form,
    and times one `mailrobot-send run` into it."""
    (original,) = data.sql("SELECT profile_id, profile_name, event, to_address, to_name, subject, body_text, "
                           "body_html, message_id FROM letters")
    now = int(time.time()) - 1
    rows = ((*original[:8], f"b{number:07d}.{original[8]}", 0, "queued", 0, now, "", now, now, None)
            for number in range(count))
    parts.insert_letters(data, rows)
    sink = work.sink()
    panel = work.panel(data)
    parts.repoint_sink_profile(panel.logged_in(), original[0], name, sink.port, count + 1)
    panel.stop()
    cpu = children_cpu()
    started = time.perf_counter()
    result = subprocess.run([str(parts.BIN / "mailrobot-send"), "run", "--data", str(data.path)],
                            capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - started
    cpu = children_cpu() - cpu
    counts = sink.counts()
    sent = data.sql("SELECT count(*) FROM letters WHERE status = 'sent'")[0][0] - 1
    if result.returncode != 0 or sent != count:
        raise RuntimeError(f"mailrobot-send run exited {result.returncode}, sent {sent} of {count}: {result.stderr[-800:]}")
    check_sink("mailrobot-send run", counts, count)
    return seconds, count / seconds, cpu


def smtp_source(work, message, count):
    """`smtp-source -d -m N -s 1`: one session (-s 1) that keeps its connection (-d) for N letters
    of the same bytes (-F: it adds the CRLFs and the dot-stuffing itself, so the file has LF ends;
    it also ends each letter with one empty line, 2 bytes more than the others send)."""
    path = work.path / "message.txt"
    path.write_bytes(message.replace(b"\r\n", b"\n"))
    sink = work.sink()
    cpu = children_cpu()
    started = time.perf_counter()
    subprocess.run([SMTP_SOURCE, "-d", "-m", str(count), "-s", "1", "-F", str(path), "-f", SENDER, "-t", RECIPIENT,
                    "-M", "localhost", f"127.0.0.1:{sink.port}"], check=True, capture_output=True, timeout=300)
    seconds = time.perf_counter() - started
    cpu = children_cpu() - cpu
    check_sink("smtp-source", sink.counts(), count)
    return seconds, count / seconds, cpu


def smtplib_loop(work, message, count):
    """`SMTP.sendmail` N times over one connection (this interpreter, standard library)."""
    sink = work.sink()
    cpu = time.process_time()
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", sink.port, local_hostname="localhost", timeout=30) as client:
        for _ in range(count):
            client.sendmail(SENDER, [RECIPIENT], message)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    check_sink("smtplib", sink.counts(), count)
    return seconds, count / seconds, cpu


def children_cpu():
    """User + system seconds of the children waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def check_sink(who, counts, expected):
    if counts["mesg"] != expected or counts["sess"] != 1:
        raise RuntimeError(f"{who}: smtp-sink counted {counts['mesg']} letters in {counts['sess']} sessions, "
                           f"expected {expected} in 1")
