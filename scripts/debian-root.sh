#!/bin/bash
# A minimal Debian 12 (bookworm) root for the package test (`make test-deb`), made once by
# debootstrap and kept under the build folder: later runs copy it instead of bootstrapping again.
#
# usage: scripts/debian-root.sh BASE     make BASE (if it is not complete yet) and print its path
#
# As root. Needs Debian's mirror the first time (env DEBIAN_MIRROR, default http://deb.debian.org/debian,
# and DEBIAN_SECURITY, default http://deb.debian.org/debian-security). Inside BASE: apt knows bookworm,
# its updates and its security updates, as a server does; /usr/sbin/policy-rc.d forbids starting
# services, since a chroot shares the host's network: an nginx or cron started by a package's postinst
# would take the host's ports. The tests start what they need by hand and stop it by PID.
set -euo pipefail

[ $# -eq 1 ] || { sed -n '5s/^# //p' "$0" >&2; exit 2; }
base=$(realpath -m -- "$1")
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${DEBIAN_SECURITY:-http://deb.debian.org/debian-security}
# Bumped when what is done to a fresh root changes, so older roots are made again.
recipe=2
[ "$(id -u)" -eq 0 ] || { echo "debian-root: must run as root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "debian-root: debootstrap is missing (make deps-deb)" >&2; exit 1; }

if [ "$(cat "$base/.complete" 2>/dev/null)" != "$recipe" ]; then
    rm -rf --one-file-system "$base" "$base.partial"
    mkdir -p "$(dirname "$base")"
    debootstrap --variant=minbase --include=ca-certificates bookworm "$base.partial" "$mirror" >"$base.log" 2>&1 ||
        { echo "debian-root: debootstrap failed; see $base.log" >&2; exit 1; }
    cat >"$base.partial/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
SOURCES
    printf '#!/bin/sh\n# No service starts inside this test root (see scripts/debian-root.sh).\nexit 101\n' \
        >"$base.partial/usr/sbin/policy-rc.d"
    chmod 0755 "$base.partial/usr/sbin/policy-rc.d"
    cp /etc/resolv.conf "$base.partial/etc/resolv.conf"
    chroot "$base.partial" apt-get update -qq >>"$base.log" 2>&1 ||
        { echo "debian-root: apt-get update failed; see $base.log" >&2; exit 1; }
    echo "$recipe" >"$base.partial/.complete"
    mv "$base.partial" "$base"
fi
echo "$base"
