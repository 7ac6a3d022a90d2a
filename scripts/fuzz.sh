#!/usr/bin/env bash
# Fuzzes the parsers that face strangers with libFuzzer, each for a bounded time.
#
#   scripts/fuzz.sh SECONDS [TARGET...]      (make fuzz FUZZ_SECONDS=60 FUZZ_TARGETS="json form")
#
# Targets are Tests/Fuzz/Targets/NAME.swift, each with an @_cdecl("LLVMFuzzerTestOneInput") entry.
# SwiftPM's --sanitize=fuzzer does not link executables, so each target is compiled with swiftc
# (-sanitize=fuzzer,address): the whole source folders of the modules it imports become static
# libraries under .build-fuzz/, and the few files it takes from a module that wraps C (Web,
# FastCGI) are compiled into the target itself. Every path is checked first: a file that moved
# stops the build with its name, it is never skipped.
#
# Each target runs from its corpus, Tests/Fuzz/Corpus/NAME (kept in the repository), into a
# scratch folder; the inputs that reach new code are merged back into the corpus. A crash leaves
# its input in .build-fuzz/artifacts/ and makes the script fail; it becomes a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}
shift
ALL_TARGETS=(json smtp-reply form cookies cgi template)
TARGETS=("${@:-${ALL_TARGETS[@]}}")
[[ ${#TARGETS[@]} -gt 0 && -n ${TARGETS[0]} ]] || TARGETS=("${ALL_TARGETS[@]}")

OUT=.build-fuzz
MODULES=$OUT/modules
FLAGS=(-swift-version 6 -parse-as-library -sanitize=fuzzer,address -O -g -use-ld=lld)
MUSTACHE=.build/checkouts/swift-mustache/Sources/Mustache

fail() {
    echo "fuzz: $*" >&2
    exit 1
}

need() {
    for path in "$@"; do
        [[ -e $path ]] || fail "$path is missing (moved or renamed? update scripts/fuzz.sh)"
    done
}

# The source folder of a module the targets import.
module_folder() {
    case $1 in
    Mustache) echo "$MUSTACHE" ;;
    *) echo "Sources/$1" ;;
    esac
}

# What each target is made of: the modules it imports (in dependency order) and the files it
# compiles in itself.
target_modules() {
    case $1 in
    json | smtp-reply) echo MailCore ;;
    cgi) echo HTTPCore ;;
    template) echo MailCore Mustache Templating ;;
    form | cookies) ;;
    *) fail "unknown target $1 (targets: ${ALL_TARGETS[*]})" ;;
    esac
}

target_files() {
    case $1 in
    form) echo Sources/Web/FormData.swift Sources/Web/PercentEncoding.swift ;;
    cookies) echo Sources/Web/Cookies.swift ;;
    cgi) echo Sources/FastCGI/CGIParameters.swift ;;
    *) ;;
    esac
}

# True when $1 is missing or older than any of the files after it.
stale() {
    local product=$1
    shift
    [[ ! -e $product ]] && return 0
    for source in "$@"; do
        [[ $source -nt $product ]] && return 0
    done
    return 1
}

build_module() {
    local name=$1 folder
    folder=$(module_folder "$name")
    need "$folder"
    local sources=("$folder"/*.swift)
    [[ -e ${sources[0]} ]] || fail "$folder holds no Swift files"
    local library=$MODULES/lib$name.a
    stale "$library" "${sources[@]}" "$0" || return 0
    echo "fuzz: building module $name"
    local extra=()
    [[ $name == Mustache ]] || extra=(-enable-upcoming-feature InternalImportsByDefault)
    swiftc "${FLAGS[@]}" "${extra[@]}" -module-name "$name" -I "$MODULES" \
        -emit-module -emit-module-path "$MODULES/$name.swiftmodule" \
        -emit-library -static -o "$library" "${sources[@]}"
}

build_target() {
    local target=$1 entry=Tests/Fuzz/Targets/$1.swift
    local modules files libraries=() module_libraries=()
    read -r -a modules <<<"$(target_modules "$target")"
    read -r -a files <<<"$(target_files "$target")"
    need "$entry" "${files[@]}"
    for module in "${modules[@]}"; do
        build_module "$module"
        libraries+=("-l$module")
        module_libraries+=("$MODULES/lib$module.a")
    done
    local binary=$OUT/fuzz-$target
    stale "$binary" "$entry" "${files[@]}" "${module_libraries[@]}" "$0" || return 0
    echo "fuzz: building target $target"
    swiftc "${FLAGS[@]}" -module-name "Fuzz_${target//-/_}" -I "$MODULES" -L "$MODULES" \
        "$entry" "${files[@]}" "${libraries[@]}" -o "$binary"
}

for target in "${TARGETS[@]}"; do
    target_modules "$target" >/dev/null
done
if [[ " ${TARGETS[*]} " == *" template "* && ! -d $MUSTACHE ]]; then
    swift package resolve
fi
mkdir -p "$MODULES" "$OUT/artifacts"
for target in "${TARGETS[@]}"; do
    build_target "$target"
done

summary=()
failed=0
for target in "${TARGETS[@]}"; do
    corpus=Tests/Fuzz/Corpus/$target
    scratch=$OUT/new/$target
    log=$OUT/$target.log
    mkdir -p "$corpus" "$scratch"
    echo "fuzz: $target for $SECONDS_EACH s"
    status=0
    "$OUT/fuzz-$target" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$target-" "$scratch" "$corpus" >"$log" 2>&1 ||
        status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [[ $status -ne 0 ]]; then
        failed=1
        summary+=("$(printf '%-11s %12s executions  CRASH (exit %s): see %s and %s' "$target" "${runs:-?}" "$status" "$log" "$OUT/artifacts/")")
        continue
    fi
    before=$(find "$corpus" -type f | wc -l)
    "$OUT/fuzz-$target" -merge=1 "$corpus" "$scratch" >>"$log" 2>&1
    rm -rf "$scratch"
    after=$(find "$corpus" -type f | wc -l)
    summary+=("$(printf '%-11s %12s executions  ok, corpus %d files (+%d)' "$target" "${runs:-?}" "$after" $((after - before)))")
done

echo
printf '%s\n' "${summary[@]}"
exit $failed
