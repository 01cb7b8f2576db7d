#!/usr/bin/env bash
# Cold and warm timings of one corpus checkout, median of N runs each.
#
#   tests/corpus/timing.sh REPO_DIR [TRELLIS_BINARY] [N=3] [GOAL=dependencies]
#
# Cold: a fresh, empty Trellis cache (XDG_CACHE_HOME in a new temp dir) for each
# run. Warm: the same cache again right after a cold run. The OS page cache is
# not dropped. Prints addresses and error count of `list ::` too.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "${1:?usage: $0 REPO_DIR [TRELLIS_BINARY] [N] [GOAL]}" && pwd)
bin=${2:-"$here/../../build/dev/app/trellis"}
n=${3:-3}
goal=${4:-dependencies}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

t() { # prints seconds of one run: t CACHE_HOME GOAL
    local t0 t1
    t0=$(date +%s.%N)
    XDG_CACHE_HOME="$1" "$bin" --root "$root" "$2" :: >"$tmp/out" 2>"$tmp/err"
    echo $? >"$tmp/rc"
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

cold=() warm=()
for i in $(seq "$n"); do
    c="$tmp/cache$i"
    mkdir -p "$c"
    cold+=("$(t "$c" "$goal")")
    warm+=("$(t "$c" "$goal")")
done
XDG_CACHE_HOME="$tmp/cache1" "$bin" --root "$root" list :: >"$tmp/list" 2>"$tmp/listerr"
lrc=$?
echo "repo:      $root"
echo "list ::    $(grep -c . "$tmp/list") addresses, $(grep -cE '^([^[:space:]]+: )?error: ' "$tmp/listerr") errors, exit $lrc"
echo "$goal ::   $(grep -c . "$tmp/out") lines, $(grep -cE '^([^[:space:]]+: )?error: ' "$tmp/err") errors, exit $(cat "$tmp/rc")"
echo "cold s:    ${cold[*]}  median $(printf '%s\n' "${cold[@]}" | median)"
echo "warm s:    ${warm[*]}  median $(printf '%s\n' "${warm[@]}" | median)"
