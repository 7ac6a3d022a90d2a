#!/usr/bin/python3
"""A real SMTP server for mailrobot's tests, built on aiosmtpd, that can also misbehave on cue.

Listens on 127.0.0.1 only and prints "READY <port>" on stdout once it accepts connections.
Exits on SIGTERM/SIGINT, when its parent process goes away, or after --lifetime-s.

    smtp_server.py --port 0 --mode plain|starttls|tls [--cert F --key F]
                   [--auth USER:PASSWORD] [--auth-mech LOGIN|PLAIN ...]
                   [--maildir DIR] [--script FILE] [--delay-ms N] [--hold-ms N] [--lifetime-s N]

Modes: plain (no TLS at all), starttls (STARTTLS offered and required before MAIL),
tls (implicit TLS from the first byte). --auth requires a login before MAIL (AUTH LOGIN and
PLAIN; in plain mode without TLS too).

--maildir DIR: each accepted message is saved as DIR/<n>.eml (the bytes after dot-unstuffing),
and one JSON line is appended to DIR/messages.jsonl:
    {"n": 1, "connection": 1, "mail_from": "a@x", "rcpt_tos": ["b@y"], "file": "1.eml", "size": 123,
     "helo": "shop.example", "received_at": 1796115600.25}
"connection" numbers the TCP connections the server accepted (1, 2, ...), so a test can see
whether letters shared one connection; "helo" is the name the client gave in EHLO (or HELO);
"received_at" is when the final dot was read (Unix time).
Each connection also gets a line in DIR/connections.jsonl when it closes:
    {"connection": 1, "opened_at": 1796115600.1, "closed_at": 1796115600.3}
so a test can see whether connections overlapped.

--script FILE: a JSON list of rules, tried in order before each command; the first that applies
acts instead of the normal handling. Fields:
    cmd             GREETING, EHLO, HELO, STARTTLS, AUTH, MAIL, RCPT, DATA, DATA_END (the reply
                    to the final dot), RSET, NOOP, QUIT
    count           applies only to the Nth occurrence of cmd since the server started (1-based)
    match           applies only when the command's argument contains this text (case-insensitive);
                    for DATA_END it is matched against the recipients
    after_messages  applies only once this many messages were accepted on the current connection
    times           fires at most this many times in all (default: no limit)
  and what it does (combinable where it makes sense):
    delay_ms        wait this long first (alone: then handle the command normally)
    reply           answer this instead ("\n" separates the lines of a multi-line reply)
    close           close the connection after the reply
    silent          never answer: hold the connection (--hold-ms) and then close it
    drop            close the connection at once; for DATA: answer 354, read about
                    drop_after_bytes (default 1024) of the message, then reset the connection
                    (drop_after_bytes 0: reset before the 354, so no byte of the message went out)
A DATA_END rule with silent still saves the message (the server has it; only the answer is lost).
"""

import argparse
import asyncio
import json
import os
import signal
import ssl
import sys
import time
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

warnings.simplefilter("ignore")

COMMANDS = {"GREETING", "EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "DATA_END",
            "RSET", "NOOP", "QUIT"}


class Script:
    """The misbehaviour rules and the server-wide command counters they look at."""

    def __init__(self, rules):
        for rule in rules:
            if rule.get("cmd") not in COMMANDS:
                raise ValueError(f"unknown cmd in script rule: {rule!r}")
        self.rules = rules
        self.fired = [0] * len(rules)
        self.seen = {}

    def next(self, cmd, arg, messages_on_connection):
        """Counts one occurrence of cmd and returns the rule that applies to it, if any."""
        occurrence = self.seen.get(cmd, 0) + 1
        self.seen[cmd] = occurrence
        for index, rule in enumerate(self.rules):
            if rule["cmd"] != cmd:
                continue
            if "count" in rule and rule["count"] != occurrence:
                continue
            if "match" in rule and rule["match"].lower() not in (arg or "").lower():
                continue
            if messages_on_connection < rule.get("after_messages", 0):
                continue
            if "times" in rule and self.fired[index] >= rule["times"]:
                continue
            self.fired[index] += 1
            return rule
        return None


class Mailbox:
    """Saves accepted messages and their envelopes under --maildir."""

    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        if directory:
            os.makedirs(directory, exist_ok=True)

    def save(self, envelope, connection, helo):
        self.count += 1
        if not self.directory:
            return
        name = f"{self.count}.eml"
        content = envelope.original_content or b""
        with open(os.path.join(self.directory, name), "wb") as file:
            file.write(content)
        record = {"n": self.count, "connection": connection, "mail_from": envelope.mail_from,
                  "rcpt_tos": list(envelope.rcpt_tos), "file": name, "size": len(content), "helo": helo,
                  "received_at": time.time()}
        with open(os.path.join(self.directory, "messages.jsonl"), "a", encoding="utf-8") as log:
            log.write(json.dumps(record) + "\n")

    def connection_closed(self, connection, opened_at):
        if not self.directory:
            return
        record = {"connection": connection, "opened_at": opened_at, "closed_at": time.time()}
        with open(os.path.join(self.directory, "connections.jsonl"), "a", encoding="utf-8") as log:
            log.write(json.dumps(record) + "\n")


class Handler:
    """aiosmtpd's handler: the reply to the final dot (DATA_END rules, --delay-ms, saving)."""

    def __init__(self, options, script, mailbox):
        self.options = options
        self.script = script
        self.mailbox = mailbox

    async def handle_DATA(self, server, session, envelope):
        rule = self.script.next("DATA_END", " ".join(envelope.rcpt_tos), server.messages)
        if self.options.delay_ms:
            await asyncio.sleep(self.options.delay_ms / 1000)
        if rule is not None:
            await server.delay(rule)
            if rule.get("silent"):
                self.accept(server, envelope)
                await server.hold()
            if rule.get("drop"):
                await server.hang_up()
            if "reply" in rule:
                if rule.get("close"):
                    await server.push_reply(rule["reply"])
                    await server.hang_up()
                return rule["reply"].replace("\n", "\r\n")
        self.accept(server, envelope)
        return "250 2.0.0 OK: queued"

    def accept(self, server, envelope):
        server.messages += 1
        self.mailbox.save(envelope, server.connection, server.session.host_name)


class ScriptedSMTP(SMTP):
    """aiosmtpd's SMTP session with the script consulted before every command."""

    def __init__(self, handler, connection, options, script, **kwargs):
        super().__init__(handler, **kwargs)
        self.connection = connection
        self.options = options
        self.script = script
        self.messages = 0
        self.greeting_rule = None
        self.opened_at = time.time()
        for name, method in list(self._smtp_methods.items()):
            if name in COMMANDS:
                self._smtp_methods[name] = self.scripted(name, method)

    def scripted(self, name, method):
        async def run(arg):
            rule = self.script.next(name, arg, self.messages)
            if rule is None:
                return await method(arg)
            await self.delay(rule)
            if rule.get("silent"):
                await self.hold()
            if rule.get("drop"):
                if name == "DATA":
                    await self.drop_mid_data(rule)
                await self.hang_up()
            if "reply" in rule:
                await self.push_reply(rule["reply"])
                if rule.get("close"):
                    await self.hang_up()
                return None
            return await method(arg)
        return run

    def connection_lost(self, error):
        self.event_handler.mailbox.connection_closed(self.connection, self.opened_at)
        return super().connection_lost(error)

    async def _handle_client(self):
        self.greeting_rule = self.script.next("GREETING", "", 0)
        rule = self.greeting_rule
        if rule is not None:
            await self.delay(rule)
            if rule.get("silent"):
                await self.hold()
            if rule.get("drop"):
                await self.hang_up()
            if "reply" in rule and rule.get("close"):
                await self.push_reply(rule["reply"])
                await self.hang_up()
        return await super()._handle_client()

    async def push(self, status):
        rule = self.greeting_rule
        if rule is not None and "reply" in rule:
            self.greeting_rule = None
            status = rule["reply"].replace("\n", "\r\n")
        self.greeting_rule = None
        return await super().push(status)

    async def push_reply(self, reply):
        await super().push(reply.replace("\n", "\r\n"))

    async def delay(self, rule):
        if rule.get("delay_ms"):
            await asyncio.sleep(rule["delay_ms"] / 1000)

    async def hold(self):
        """Says nothing for --hold-ms (or until the client leaves), then hangs up."""
        await asyncio.sleep(self.options.hold_ms / 1000)
        await self.hang_up()

    async def drop_mid_data(self, rule):
        wanted = rule.get("drop_after_bytes", 1024)
        if wanted == 0:
            self.transport.abort()
            return
        await super().push("354 End data with <CR><LF>.<CR><LF>")
        received = 0
        try:
            while received < wanted:
                chunk = await asyncio.wait_for(self._reader.read(wanted - received), 5)
                if not chunk:
                    break
                received += len(chunk)
        except asyncio.TimeoutError:
            pass
        self.transport.abort()

    async def hang_up(self):
        """Closes the connection and ends this session's command loop."""
        if self.transport is not None:
            self.transport.close()
        self._handler_coroutine.cancel()
        await asyncio.sleep(0)
        raise asyncio.CancelledError()


def parse_arguments():
    parser = argparse.ArgumentParser(description="Test SMTP server for mailrobot (127.0.0.1 only).")
    parser.add_argument("--port", type=int, default=0, help="port to listen on; 0 picks a free one")
    parser.add_argument("--mode", choices=["plain", "starttls", "tls"], default="plain")
    parser.add_argument("--cert", help="server certificate (PEM), for starttls and tls")
    parser.add_argument("--key", help="server private key (PEM), for starttls and tls")
    parser.add_argument("--auth", help="USER:PASSWORD; when given, a login is required before MAIL")
    parser.add_argument("--auth-mech", action="append", choices=["LOGIN", "PLAIN"],
                        help="offer only these mechanisms (repeatable; default both)")
    parser.add_argument("--maildir", help="folder for received messages and messages.jsonl")
    parser.add_argument("--script", help="JSON file of misbehaviour rules")
    parser.add_argument("--delay-ms", type=int, default=0, help="wait before answering every final dot")
    parser.add_argument("--hold-ms", type=int, default=20000, help="how long a silent rule holds the line")
    parser.add_argument("--lifetime-s", type=int, default=600, help="exit after this long in any case")
    options = parser.parse_args()
    if options.mode != "plain" and not (options.cert and options.key):
        parser.error("--cert and --key are required for starttls and tls")
    return options


def tls_context(options):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(options.cert, options.key)
    return context


def authenticator(credentials):
    user, _, password = credentials.partition(":")

    def check(server, session, envelope, mechanism, auth_data):
        print(f"AUTH {mechanism}", file=sys.stderr, flush=True)
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == user.encode() and auth_data.password == password.encode())
        return AuthResult(success=ok, handled=False)
    return check


async def serve(options):
    rules = []
    if options.script:
        with open(options.script, encoding="utf-8") as file:
            rules = json.load(file)
    script = Script(rules)
    handler = Handler(options, script, Mailbox(options.maildir))
    context = tls_context(options) if options.mode != "plain" else None
    connections = 0
    loop = asyncio.get_running_loop()

    settings = {"hostname": "mail.test", "ident": "mailrobot test server"}
    if options.mode == "starttls":
        settings.update(tls_context=context, require_starttls=True)
    if options.auth:
        excluded = [m for m in ("LOGIN", "PLAIN") if options.auth_mech and m not in options.auth_mech]
        settings.update(authenticator=authenticator(options.auth), auth_required=True,
                        auth_require_tls=options.mode == "starttls", auth_exclude_mechanism=excluded)

    def factory():
        nonlocal connections
        connections += 1
        print(f"connection {connections}", file=sys.stderr, flush=True)
        return ScriptedSMTP(handler, connections, options, script, loop=loop, **settings)

    server = await loop.create_server(
        factory, host="127.0.0.1", port=options.port, ssl=context if options.mode == "tls" else None)
    stop = loop.create_future()
    # A parent may have blocked these signals (the mask is inherited): take them back.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, lambda: stop.done() or stop.set_result(None))
    parent = os.getppid()
    print(f"READY {server.sockets[0].getsockname()[1]}", flush=True)

    for _ in range(options.lifetime_s * 5):
        if stop.done() or os.getppid() != parent:
            break
        await asyncio.wait([stop], timeout=0.2)
    server.close()


def main():
    asyncio.run(serve(parse_arguments()))


if __name__ == "__main__":
    sys.exit(main())
