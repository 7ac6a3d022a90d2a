#!/bin/bash
# The package of an earlier commit, for the upgrade in `make test-deb`: the commit's own binaries,
# templates and README (its schema, its behaviour) in this tree's packaging, at a version below this one.
#
# usage: scripts/previous-release.sh REV DIR MANUAL_TOOL
#   REV          a commit of this repository (git archive takes it; a shallow clone may lack it)
#   DIR          where its source, its release build (kept for the next run) and its .deb go
#   MANUAL_TOOL  swift-argument-parser's generate-manual, as for scripts/build-deb.sh
# Prints the .deb's path last.
set -euo pipefail

[ $# -eq 3 ] || { sed -n '5,8s/^# \{0,1\}//p' "$0" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd -P)
rev=$(git -C "$here" rev-parse --short "$1^{commit}") || {
    echo "previous-release: commit $1 is not in this clone (fetch its history: git fetch --unshallow)" >&2
    exit 1
}
mkdir -p "$2"
dir=$(cd "$2" && pwd -P)
source=$dir/source

if [ "$(cat "$source/.mailrobot-rev" 2>/dev/null)" != "$rev" ]; then
    rm -rf "$source"
    mkdir -p "$source"
    git -C "$here" archive "$rev" | tar -x -C "$source"
    echo "$rev" >"$source/.mailrobot-rev"
fi
(cd "$source" && swift build -c release --static-swift-stdlib >"$dir/build.log" 2>&1) ||
    { echo "previous-release: the release build of $rev failed; see $dir/build.log" >&2; exit 1; }
"$here/scripts/build-deb.sh" --version "0.9+git$rev" --bin "$source/.build/release" --source "$source" \
    --manual-tool "$3" --out "$dir" --compression gzip
