#!/usr/bin/python3
"""A real DNS server for mailrobot's tests, built on dnslib: serves a test zone on 127.0.0.1
over UDP and TCP (the same port), authoritatively, and can misbehave for chosen names.

Prints "READY <port>" on stdout once it answers. Exits on SIGTERM/SIGINT, when its parent
process goes away, or after --lifetime-s.

    dns_server.py --port 0 --zone FILE [--servfail NAME ...] [--silent NAME ...] [--log FILE]
                  [--lifetime-s N]

--zone FILE: records in BIND zone-file syntax, names fully qualified ("shop.test. 60 IN TXT ...").
  A name with records of other types answers NOERROR with no records (NODATA); an unknown name
  answers NXDOMAIN; a CNAME is followed within the zone, as a recursive resolver would.
--servfail NAME: questions for NAME (any type) get SERVFAIL.
--silent NAME: questions for NAME get no answer at all (the client times out).
--log FILE: one line "NAME TYPE" per question received, in order.
"""

import argparse
import os
import signal
import sys
import threading
import time

from dnslib import QTYPE, RCODE, RR, DNSError
from dnslib.server import BaseResolver, DNSLogger, DNSServer


def normal(name):
    return str(name).lower().rstrip(".") + "."


class TestZone(BaseResolver):
    """Answers from the zone: records of the asked type, NODATA for a known name, else NXDOMAIN."""

    def __init__(self, records, servfail, silent, log):
        self.records = records
        self.names = {normal(rr.rname) for rr in records}
        self.servfail = {normal(name) for name in servfail}
        self.silent = {normal(name) for name in silent}
        self.log = log
        self.lock = threading.Lock()

    def resolve(self, request, handler):
        name = normal(request.q.qname)
        if self.log:
            with self.lock, open(self.log, "a", encoding="utf-8") as log:
                log.write(f"{name} {QTYPE[request.q.qtype]}\n")
        if name in self.silent:
            raise DNSError("silent name: no answer")  # dnslib's handler drops the question
        reply = request.reply()
        reply.header.aa = 1
        if name in self.servfail:
            reply.header.rcode = RCODE.SERVFAIL
            return reply
        # As a recursive resolver does, a CNAME is followed within the zone (at most 8 steps).
        wanted = name
        for _ in range(8):
            alias = None
            for rr in self.records:
                if normal(rr.rname) != wanted:
                    continue
                if rr.rtype == request.q.qtype:
                    reply.add_answer(rr)
                elif rr.rtype == QTYPE.CNAME:
                    reply.add_answer(rr)
                    alias = normal(rr.rdata.label)
            if alias is None:
                break
            wanted = alias
        if name not in self.names:
            reply.header.rcode = RCODE.NXDOMAIN
        return reply


class SilentLogger(DNSLogger):
    def __init__(self):
        super().__init__(log="-request,-reply,-truncated,-error,-recv,-send,-data")


def listen(resolver, port, attempts=20):
    """UDP and TCP servers on one port. With port 0 the UDP socket picks a free number, which
    another process may hold for TCP: then the pair is tried again on a new number (bounded)."""
    for attempt in range(attempts):
        udp = DNSServer(resolver, address="127.0.0.1", port=port, logger=SilentLogger())
        try:
            tcp = DNSServer(resolver, address="127.0.0.1", port=udp.server.server_address[1], tcp=True,
                            logger=SilentLogger())
            return udp, tcp
        except OSError:
            udp.server.server_close()
            if port != 0 or attempt == attempts - 1:
                raise


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--zone", required=True)
    parser.add_argument("--servfail", action="append", default=[])
    parser.add_argument("--silent", action="append", default=[])
    parser.add_argument("--log")
    parser.add_argument("--lifetime-s", type=float, default=300)
    options = parser.parse_args()
    with open(options.zone, encoding="utf-8") as zone:
        records = list(RR.fromZone(zone.read()))
    resolver = TestZone(records, options.servfail, options.silent, options.log)
    udp, tcp = listen(resolver, options.port)
    port = udp.server.server_address[1]
    udp.start_thread()
    tcp.start_thread()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"READY {port}", flush=True)
    parent = os.getppid()
    deadline = time.monotonic() + options.lifetime_s
    try:
        while time.monotonic() < deadline and os.getppid() == parent:
            time.sleep(0.2)
    finally:
        udp.stop()
        tcp.stop()


if __name__ == "__main__":
    main()
