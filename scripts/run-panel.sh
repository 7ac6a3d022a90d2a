#!/usr/bin/env bash
# `make run`: the panel on http://127.0.0.1:PORT with its data in ./data, the FastCGI server and
# nginx in front of it, and the sender every minute (as cron would), until Ctrl-C. Everything the
# processes print goes to run/*.log, so the last lines on screen are the URL, the login, the
# commands' path and where the logs are.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${1:-8080}
bin=$PWD/.build/debug
data=$PWD/data
prefix=$PWD/run/nginx
socket=$data/mailrobot.sock

"$bin/mailrobot-admin" init --data "$data" >/dev/null

# The first run creates the administrator with a random password, kept (0600) beside the
# database so that later runs can show it again.
password_file=$data/admin-password
if [ ! -f "$password_file" ]; then
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | head -c 20)
    if printf '%s\n' "$password" | "$bin/mailrobot-admin" user add admin --data "$data" --password-stdin >/dev/null; then
        (umask 077 && printf '%s\n' "$password" >"$password_file")
    fi
fi

pids=()
stop_all() {
    trap - INT TERM EXIT
    scripts/nginx-local.sh stop "$prefix" >/dev/null 2>&1 || true
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    echo "mailrobot stopped"
}
trap stop_all INT TERM EXIT

mkdir -p run
"$bin/mailrobot-admin" serve --data "$data" --socket "$socket" >>run/admin.log 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || { echo "mailrobot-admin did not start; see run/admin.log" >&2; exit 1; }

scripts/nginx-local.sh start "$prefix" "$port" "$socket" "$PWD/public" >/dev/null ||
    { echo "nginx did not start on 127.0.0.1:$port (port taken? try: make run PORT=8081)" >&2; exit 1; }

# The sender, every minute, like the cron line in deploy/mailrobot.cron.
( while true; do "$bin/mailrobot-send" run --data "$data" >>run/send.log 2>&1 || true; sleep 60; done ) &
pids+=($!)

echo "mailrobot runs at http://127.0.0.1:$port/"
if [ -f "$password_file" ]; then
    echo "login: admin   password: $(cat "$password_file")"
else
    echo "login: admin (password as set with: $bin/mailrobot-admin user passwd admin --data $data)"
fi
echo "commands: $bin/mailrobot-send status --data $data   (and $bin/mailrobot-admin)"
echo "logs: $PWD/run/admin.log, run/send.log, run/nginx/logs/; Ctrl-C stops everything"
wait "${pids[0]}"
