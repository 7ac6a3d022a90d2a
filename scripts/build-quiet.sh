#!/usr/bin/env bash
# `make run`'s build: `swift build` with its output in a log file instead of on the screen, so
# that the panel's URL and login are the last thing the admin sees.
#
# usage: scripts/build-quiet.sh LOG [swift build arguments…]
#
# On a terminal one line shows the progress ("building mailrobot… 412/1053"); elsewhere one line
# says the build started. When the build fails, its messages (the log without the "[N/M]
# Compiling …" progress lines) are printed, with where the whole log is, and the exit is non-zero.
set -uo pipefail

log=${1:?usage: scripts/build-quiet.sh LOG [swift build arguments…]}
shift
mkdir -p "$(dirname "$log")"

started=$SECONDS
if [ -t 1 ]; then
    printf 'building mailrobot…'
    swift build "$@" 2>&1 | tee "$log" | while IFS= read -r line; do
        if [[ "$line" =~ ^\[([0-9]+)/([0-9]+)\] ]]; then
            printf '\rbuilding mailrobot… %s/%s ' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
        fi
    done
    status=${PIPESTATUS[0]}
    printf '\r\033[K'
else
    echo "building mailrobot…"
    swift build "$@" >"$log" 2>&1
    status=$?
fi

if [ "$status" -ne 0 ]; then
    grep -v -E '^\[[0-9]+/[0-9]+\] ' "$log" >&2
    echo "the build failed (exit $status); the whole log is in $log" >&2
    exit "$status"
fi
echo "built in $((SECONDS - started)) s (log: $log)"
