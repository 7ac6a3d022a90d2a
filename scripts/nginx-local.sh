#!/bin/bash
# Runs the rules of the production nginx.conf unprivileged on 127.0.0.1, for `make run` and the tests.
#
# usage: scripts/nginx-local.sh start  PREFIX PORT SOCKET PUBLIC_DIR   write the config, start nginx in
#                                                                       the background, wait until it serves
#        scripts/nginx-local.sh run    PREFIX PORT SOCKET PUBLIC_DIR   the same in the foreground (Ctrl-C stops)
#        scripts/nginx-local.sh config PREFIX PORT SOCKET PUBLIC_DIR   only write PREFIX/nginx.conf and check it
#        scripts/nginx-local.sh stop   PREFIX                          stop the nginx started with PREFIX
#
# PREFIX/nginx.conf is a small http { } of its own (pid, logs and every *_temp_path under PREFIX)
# holding the part of ../nginx.conf between "mailrobot:http begin" and "mailrobot:http end" (the
# request limits' zones) and one plain-HTTP server on 127.0.0.1:PORT whose body is the part between
# "mailrobot:common begin" and "mailrobot:common end", with the production socket and public folder
# replaced by SOCKET and PUBLIC_DIR. nginx runs as `nginx -p PREFIX -c PREFIX/nginx.conf -e PREFIX/logs/error.log`.
#
# With FASTCGI_PARAMS=FILE in the environment (say Debian's stock /etc/nginx/fastcgi_params), the
# section's own fastcgi_param lines give way to "include FILE;", as in a site an admin wrote by hand:
# the tests log in through both.
#
# Run as root (CI), nginx's workers would become "nobody" and could not reach a 0660 socket in a 0750
# folder: the config then makes them run as the owner and group of SOCKET's folder (or as the caller).
set -eu

production_socket=/var/lib/mailrobot/mailrobot.sock
production_public=/usr/share/mailrobot/public
here=$(cd "$(dirname "$0")" && pwd -P)
source_conf="$here/../nginx.conf"
nginx_bin=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

usage() {
    sed -n '4,8s/^# \{0,1\}//p' "$0" >&2
    exit 2
}

die() {
    echo "nginx-local: $*" >&2
    exit 1
}

# A path nginx can take as a bare word: absolute, without spaces or config syntax.
checked_path() {
    case "$2" in
        "" | *[[:space:]\;\{\}\"\'\$\#\\]*) die "$1 must be a path without spaces, quotes or ; { } \$ # \\: '$2'" ;;
    esac
    realpath -m -- "$2"
}

write_config() {
    prefix=$1 port=$2 socket=$3 public=$4
    case "$port" in
        "" | *[!0-9]*) die "PORT must be a number: '$port'" ;;
    esac
    [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "PORT must be from 1 to 65535: $port"
    [ -d "$public" ] || die "PUBLIC_DIR is not a folder: $public"
    [ -f "$source_conf" ] || die "cannot find $source_conf"

    mkdir -p "$prefix/logs" "$prefix/temp"

    params_file=${FASTCGI_PARAMS:-}
    if [ -n "$params_file" ]; then
        params_file=$(checked_path FASTCGI_PARAMS "$params_file") || exit 1
        [ -f "$params_file" ] || die "FASTCGI_PARAMS is not a file: $params_file"
    fi
    common=$(awk -v socket="$socket" -v public="$public" -v params="$params_file" \
        -v prod_socket="$production_socket" -v prod_public="$production_public" '
        function replace(line, from, to,    at, out) {
            out = ""
            while ((at = index(line, from)) > 0) {
                out = out substr(line, 1, at - 1) to
                line = substr(line, at + length(from))
            }
            return out line
        }
        /# mailrobot:common end/ { inside = 0 }
        inside && params != "" && /^[ \t]*fastcgi_param[ \t]/ {
            if (!included) print "    include " params ";"
            included = 1
            next
        }
        inside {
            if (index($0, prod_socket)) found_socket = 1
            if (index($0, prod_public)) found_public = 1
            print replace(replace($0, prod_socket, socket), prod_public, public)
        }
        /# mailrobot:common begin/ { inside = 1 }
        END { if (!found_socket || !found_public) exit 1 }
    ' "$source_conf") || die "$source_conf has no common section naming $production_socket and $production_public"
    http_part=$(awk '
        /# mailrobot:http end/ { inside = 0 }
        inside { print; found = 1 }
        /# mailrobot:http begin/ { inside = 1 }
        END { if (!found) exit 1 }
    ' "$source_conf") || die "$source_conf has no mailrobot:http section"

    user_line=""
    if [ "$(id -u)" -eq 0 ]; then
        socket_dir=$(dirname "$socket")
        if [ -d "$socket_dir" ]; then
            user_line="user $(stat -c '%U %G' "$socket_dir");"
        else
            user_line="user $(id -un) $(id -gn);"
        fi
    fi

    if [ -f /etc/nginx/mime.types ]; then
        types="include /etc/nginx/mime.types;"
    else
        types="types { text/html html; text/css css; application/javascript js; image/svg+xml svg; image/png png; image/x-icon ico; font/woff2 woff2; }"
    fi

    cat >"$prefix/nginx.conf" <<EOF
# Written by scripts/nginx-local.sh from nginx.conf (the mailrobot:common section); edit that, not this.
$user_line
worker_processes 1;
pid $prefix/logs/nginx.pid;
error_log $prefix/logs/error.log warn;

events {
    worker_connections 256;
}

http {
    $types
    default_type application/octet-stream;
    sendfile on;
    access_log $prefix/logs/access.log;
    client_body_temp_path $prefix/temp/client_body;
    fastcgi_temp_path $prefix/temp/fastcgi;
    proxy_temp_path $prefix/temp/proxy;
    uwsgi_temp_path $prefix/temp/uwsgi;
    scgi_temp_path $prefix/temp/scgi;

$http_part

    server {
        listen 127.0.0.1:$port;
        server_name localhost;

$common
    }
}
EOF
    nginx_command -t -q || die "the generated $prefix/nginx.conf does not pass nginx -t"
}

nginx_command() {
    "$nginx_bin" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/logs/error.log" "$@"
}

# Closes every descriptor above stderr: the nginx daemon would otherwise keep the caller's pipes and
# sockets open, and a caller waiting for them to close (Foundation's Process does) would wait forever.
close_inherited_descriptors() {
    local fd
    for fd in /proc/$BASHPID/fd/*; do
        fd=${fd##*/}
        if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
}

# The pid in PREFIX/logs/nginx.pid, if that process is an nginx master of this prefix.
running_pid() {
    pid_file="$1/logs/nginx.pid"
    [ -f "$pid_file" ] || return 1
    pid=$(cat "$pid_file")
    case "$pid" in "" | *[!0-9]*) return 1 ;; esac
    [ -r "/proc/$pid/cmdline" ] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "nginx.*$1/nginx.conf" || return 1
    echo "$pid"
}

start() {
    write_config "$@"
    ! running_pid "$prefix" >/dev/null || die "an nginx already runs with $prefix"
    rm -f "$prefix/logs/nginx.pid"
    (close_inherited_descriptors && nginx_command) || die "nginx did not start; see $prefix/logs/error.log"
    # The master writes its pid once it has detached: wait for it (at most 10 s).
    tries=0
    until running_pid "$prefix" >/dev/null; do
        tries=$((tries + 1))
        [ "$tries" -le 100 ] || die "nginx wrote no pid file; see $prefix/logs/error.log"
        sleep 0.1
    done
    echo "nginx serves http://127.0.0.1:$port/ (pid $(running_pid "$prefix"), logs in $prefix/logs)"
}

# Whether a process still runs (a zombie waiting for its parent to reap it does not).
is_alive() {
    local state
    state=$(awk '/^State:/ { print $2 }' "/proc/$1/status" 2>/dev/null) || return 1
    [ -n "$state" ] && [ "$state" != Z ]
}

stop() {
    prefix=$(checked_path PREFIX "$1") || exit 1
    pid=$(running_pid "$prefix") || { echo "nginx-local: no nginx runs with $prefix" >&2; return 0; }
    kill -TERM "$pid"
    tries=0
    while is_alive "$pid"; do
        tries=$((tries + 1))
        [ "$tries" -le 100 ] || die "nginx (pid $pid) did not stop within 10 s"
        sleep 0.1
    done
}

[ $# -ge 1 ] || usage
command=$1
shift
case "$command" in
    start | run | config)
        [ $# -eq 4 ] || usage
        prefix=$(checked_path PREFIX "$1") || exit 1
        socket=$(checked_path SOCKET "$3") || exit 1
        public=$(checked_path PUBLIC_DIR "$4") || exit 1
        case "$command" in
            start) start "$prefix" "$2" "$socket" "$public" ;;
            config) write_config "$prefix" "$2" "$socket" "$public" && echo "$prefix/nginx.conf" ;;
            run) write_config "$prefix" "$2" "$socket" "$public" && exec "$nginx_bin" -p "$prefix" \
                -c "$prefix/nginx.conf" -e "$prefix/logs/error.log" -g "daemon off;" ;;
        esac
        ;;
    stop)
        [ $# -eq 1 ] || usage
        stop "$1"
        ;;
    *) usage ;;
esac
