#!/bin/bash
# Builds the Debian package mailrobot_<version>_amd64.deb with dpkg-deb, from release binaries (the
# Swift runtime linked in statically) and the files of the source tree. Only Debian's own tools.
#
# usage: scripts/build-deb.sh --manual-tool PATH [--version V] [--bin DIR] [--source DIR] [--out DIR]
#   --manual-tool PATH  swift-argument-parser's generate-manual (swift build --product generate-manual),
#                       which writes each program's man page from its own --help texts
#   --version V         the package's version (default: the first entry of deploy/debian/changelog)
#   --bin DIR           mailrobot-admin and mailrobot-send (default: .build/release)
#   --source DIR        the tree whose templates/, public/ and README.md go in (default: this one)
#   --out DIR           where the .deb goes (default: .build/deb); its path is printed last
#   --compression TYPE  dpkg-deb's -Z: xz (default, smallest) or gzip (fast, for test packages)
#
# The packaging itself (deploy/debian/, the unit, the cron file, nginx.conf) always comes from this tree.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd -P)
version=""
bin=$here/.build/release
source=$here
manual_tool=""
out=$here/.build/deb
compression=xz

while [ $# -gt 0 ]; do
    case "$1" in
        --version) version=$2 ;;
        --bin) bin=$2 ;;
        --source) source=$2 ;;
        --manual-tool) manual_tool=$2 ;;
        --out) out=$2 ;;
        --compression) compression=$2 ;;
        *) sed -n '5,13s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
    esac
    shift 2
done

die() {
    echo "build-deb: $*" >&2
    exit 1
}

debian=$here/deploy/debian
[ -n "$version" ] || version=$(dpkg-parsechangelog -l "$debian/changelog" -S Version)
[ -x "$manual_tool" ] || die "--manual-tool must name swift-argument-parser's generate-manual (make deb builds it)"
for program in mailrobot-admin mailrobot-send; do
    [ -x "$bin/$program" ] || die "$bin/$program is missing: make build-release first"
done
for part in templates/pages public README.md; do
    [ -e "$source/$part" ] || die "$source has no $part"
done

mkdir -p "$out"
out=$(cd "$out" && pwd -P)
root=$out/staging/mailrobot_${version}_amd64
rm -rf "$root"
install -d -m 0755 "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/mailrobot" "$root/usr/share/doc/mailrobot" \
    "$root/lib/systemd/system" "$root/etc/cron.d" "$root/etc/nginx/sites-available"

# The programs, without their symbol tables and debug sections (the Swift runtime's metadata stays).
for program in mailrobot-admin mailrobot-send; do
    install -m 0755 "$bin/$program" "$root/usr/bin/$program"
    strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/$program"
done

# Templates and the panel's static files, as they are in the tree (no dot files).
for folder in templates public; do
    (cd "$source" && find "$folder" -name '.*' -prune -o -type f -print) | while read -r file; do
        install -D -m 0644 "$source/$file" "$root/usr/share/mailrobot/$file"
    done
done

install -m 0644 "$here/deploy/mailrobot-admin.service" "$root/lib/systemd/system/mailrobot-admin.service"
install -m 0644 "$here/deploy/mailrobot.cron" "$root/etc/cron.d/mailrobot"
install -m 0644 "$here/nginx.conf" "$root/etc/nginx/sites-available/mailrobot"

# Documentation: the README, the server notes as README.Debian, the changelog and the copyright; like
# dh_compress, gzip -9n what is over 4 KiB (never the copyright).
doc=$root/usr/share/doc/mailrobot
install -m 0644 "$source/README.md" "$doc/README.md"
install -m 0644 "$here/deploy/README.md" "$doc/README.Debian"
install -m 0644 "$debian/changelog" "$doc/changelog"
install -m 0644 "$debian/copyright" "$doc/copyright"
gzip -9n "$doc/changelog"
for file in "$doc/README.md" "$doc/README.Debian"; do
    [ "$(stat -c %s "$file")" -le 4096 ] || gzip -9n "$file"
done
# A man page per program, dated like the changelog, so the same tree gives the same package.
date=$(date -u -d "$(dpkg-parsechangelog -l "$debian/changelog" -S Date)" +%Y-%m-%d)
maintainer=$(sed -n 's/^Maintainer: \(.*\) <\(.*\)>$/\1<\2>/p' "$debian/control")
install -d -m 0755 "$root/usr/share/man/man1"
for program in mailrobot-admin mailrobot-send; do
    "$manual_tool" "$root/usr/bin/$program" --date "$date" --authors "$maintainer" \
        --output-directory "$root/usr/share/man/man1" >/dev/null || die "generate-manual failed for $program"
    chmod 0644 "$root/usr/share/man/man1/$program.1"
    gzip -9n "$root/usr/share/man/man1/$program.1"
done

# Depends: what dpkg-shlibdeps finds the programs linked against, with the four libraries of the
# design, nginx and ssl-cert raised to the versions this Debian ships (libfcgi's carries the fix of
# CVE-2025-23016).
shlibs=$(
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    mkdir "$work/debian"
    printf 'Source: mailrobot\n\nPackage: mailrobot\nArchitecture: amd64\n' >"$work/debian/control"
    cd "$work" && dpkg-shlibdeps -O "$root/usr/bin/mailrobot-admin" "$root/usr/bin/mailrobot-send" 2>/dev/null
)
shlibs=${shlibs#shlibs:Depends=}
[ -n "$shlibs" ] || die "dpkg-shlibdeps found no libraries"
installed() {
    dpkg-query -W -f='${Version}' "$1" 2>/dev/null || die "$1 is not installed here: make deps"
}
depends=""
IFS=',' read -ra entries <<<"$shlibs"
for entry in "${entries[@]}"; do
    entry=$(echo "$entry" | sed 's/^ *//; s/ *$//')
    name=${entry%% *}
    case "$name" in
        libfcgi0ldbl | libsqlite3-0 | libcurl4 | libxlsxwriter4) entry="$name (>= $(installed "$name"))" ;;
    esac
    depends="${depends:+$depends, }$entry"
done
for name in libfcgi0ldbl libsqlite3-0 libxlsxwriter4; do
    case ", $depends" in *", $name "*) ;; *) die "the programs are not linked against $name" ;; esac
done
# libcurl is opened at run time (dlopen of libcurl.so.4 in CCurlShim_load, so that a cron run with
# nothing to send never loads it): dpkg-shlibdeps cannot see it, so the package names it itself.
case ", $depends" in
    *", libcurl4 "*) ;;
    *) depends="$depends, libcurl4 (>= $(installed libcurl4))" ;;
esac
depends="$depends, nginx (>= $(installed nginx)), ssl-cert (>= $(installed ssl-cert)), adduser, cron | cron-daemon"

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$size/" -e "s/@DEPENDS@/$depends/" \
    "$debian/control" >"$root/DEBIAN/control"
install -m 0644 "$debian/conffiles" "$root/DEBIAN/conffiles"
for script in postinst prerm postrm; do
    install -m 0755 "$debian/$script" "$root/DEBIAN/$script"
done
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
    >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"

package=$out/mailrobot_${version}_amd64.deb
dpkg-deb --root-owner-group "-Z$compression" --build "$root" "$package" >/dev/null
echo "$package"
