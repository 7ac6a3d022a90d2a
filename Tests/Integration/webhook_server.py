#!/usr/bin/python3
"""A webhook receiver for tests: records each POST (path, headers, body) as a line of JSON in
--log, answers with --status, after --delay-ms; prints READY <port> once it listens on 127.0.0.1.
Ends by itself after --lifetime-s."""
import argparse
import http.server
import json
import sys
import threading
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log", required=True)
    parser.add_argument("--status", type=int, default=200)
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("--lifetime-s", type=int, default=300)
    options = parser.parse_args()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = min(int(self.headers.get("Content-Length") or 0), 1 << 20)
            body = self.rfile.read(length).decode("utf-8", "replace")
            with open(options.log, "a", encoding="utf-8") as log:
                log.write(json.dumps({"path": self.path, "headers": dict(self.headers), "body": body}) + "\n")
            time.sleep(options.delay_ms / 1000)
            answer = json.dumps({"ok": options.status < 300}).encode()
            try:
                self.send_response(options.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            sys.stderr.write("%s\n" % (args,))

    server = http.server.ThreadingHTTPServer(("127.0.0.1", options.port), Handler)
    server.daemon_threads = True
    threading.Timer(options.lifetime_s, server.shutdown).start()
    print("READY %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
