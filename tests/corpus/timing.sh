#!/usr/bin/env bash
# Cold and warm timings of one corpus checkout, median of N runs each.
#
#   tests/corpus/timing.sh REPO_DIR [TRELLIS_BINARY] [N=3] [GOAL=dependencies]
#
# Cold: a fresh, empty Trellis cache (XDG_CACHE_HOME in a new temp dir) for each
# run. Warm: the same cache again right after a cold run. The OS page cache is
# not dropped. Prints wall and CPU (user+system) time, since a shared machine's
# load inflates wall time; and the addresses and error count of `list ::`.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "${1:?usage: $0 REPO_DIR [TRELLIS_BINARY] [N] [GOAL]}" && pwd)
bin=${2:-"$here/../../build/dev/app/trellis"}
n=${3:-3}
goal=${4:-dependencies}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

t() { # prints "wall cpu" seconds of one run (cpu = user + system): t CACHE_HOME GOAL
    XDG_CACHE_HOME="$1" /usr/bin/time -f '%e %U %S' -o "$tmp/time" "$bin" --root "$root" "$2" :: >"$tmp/out" 2>"$tmp/err"
    echo $? >"$tmp/rc"
    tail -n 1 "$tmp/time" | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

cold=() warm=() coldcpu=() warmcpu=()
for i in $(seq "$n"); do
    c="$tmp/cache$i"
    mkdir -p "$c"
    read -r w u < <(t "$c" "$goal"); cold+=("$w"); coldcpu+=("$u")
    read -r w u < <(t "$c" "$goal"); warm+=("$w"); warmcpu+=("$u")
done
XDG_CACHE_HOME="$tmp/cache1" "$bin" --root "$root" list :: >"$tmp/list" 2>"$tmp/listerr"
lrc=$?
echo "repo:      $root"
echo "list ::    $(grep -c . "$tmp/list") addresses, $(grep -cE '^([^[:space:]]+: )?error: ' "$tmp/listerr") errors, exit $lrc"
echo "$goal ::   $(grep -c . "$tmp/out") lines, $(grep -cE '^([^[:space:]]+: )?error: ' "$tmp/err") errors, exit $(cat "$tmp/rc")"
echo "cold wall s: ${cold[*]}  median $(printf '%s\n' "${cold[@]}" | median)"
echo "cold cpu s:  ${coldcpu[*]}  median $(printf '%s\n' "${coldcpu[@]}" | median)"
echo "warm wall s: ${warm[*]}  median $(printf '%s\n' "${warm[@]}" | median)"
echo "warm cpu s:  ${warmcpu[*]}  median $(printf '%s\n' "${warmcpu[@]}" | median)"
echo "load:        $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
